package io.callscheduler.destinations;

/**
 * Each number's dial attempts of a UTC day, counted against MaxCallsPerNumberPerDay by every dispatcher at once. A
 * call's first attempt is counted when the call is written (the create's own transaction); the dispatch counts an
 * attempt that was not: a redial, or a dial on another day than the one counted.
 */
@FunctionalInterface
public interface DailyRings {
    /** No cap: every attempt is allowed, nothing is counted. */
    DailyRings UNCOUNTED = quota -> true;

    /**
     * Counts one more attempt to the quota's number on its day, unless it has had {@code quota.max()} already.
     *
     * @return whether the attempt was counted (and may be dialed)
     */
    boolean take(NumberQuota quota);

    /**
     * Gives back an attempt {@link #take} counted that will not be dialed under this count (its dispatch lost the
     * call to another before recording the count on it, and that one counts again): without it the number would
     * lose a ring of its day for nothing.
     */
    default void giveBack(NumberQuota quota) {
    }
}
