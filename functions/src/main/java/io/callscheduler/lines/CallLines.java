package io.callscheduler.lines;

import java.time.Instant;
import java.util.Map;

/**
 * The lines a deployment may have busy at once (MaxConcurrentCalls): a call takes one before it is claimed for
 * dialing, or when a callback adopts it, and gives it back when it no longer holds one
 * ({@link io.callscheduler.model.Call#holdsLine()}). The holders are shared by every dispatcher, so the limit holds
 * across concurrent invocations, not per container.
 */
public interface CallLines {
    /**
     * Takes a line for the call, unless every line is busy.
     *
     * @return true when the call holds a line now (also when it held one already)
     */
    boolean take(String callId, Instant now);

    /**
     * Takes a line for a call that is live at the provider already (adopted from a provider's report): it cannot
     * wait for one, so when every line is busy it takes one over the limit, and {@link #take} refuses every other
     * call until enough holders let go.
     *
     * @return false when it had to go over the limit
     */
    boolean takeEvenIfAllBusy(String callId, Instant now);

    /** Gives the call's line back; nothing happens when it holds none. */
    void release(String callId);

    /** The calls holding a line, with the moment each took it. */
    Map<String, Instant> holders();

    /**
     * Gives the call's line back only if it was last taken at {@code since} (a stale holder).
     *
     * @return whether it gave it back (false when taken again since, or given back already)
     */
    boolean releaseIfTakenAt(String callId, Instant since);

    /** How many lines there are; 0 for no limit. */
    int limit();

    /** No limit: every call may dial at once. */
    CallLines UNLIMITED = new CallLines() {
        @Override
        public boolean take(String callId, Instant now) {
            return true;
        }

        @Override
        public boolean takeEvenIfAllBusy(String callId, Instant now) {
            return true;
        }

        @Override
        public void release(String callId) {
        }

        @Override
        public Map<String, Instant> holders() {
            return Map.of();
        }

        @Override
        public boolean releaseIfTakenAt(String callId, Instant since) {
            return false;
        }

        @Override
        public int limit() {
            return 0;
        }
    };
}
