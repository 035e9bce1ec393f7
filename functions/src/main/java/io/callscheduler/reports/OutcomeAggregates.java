package io.callscheduler.reports;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where the buckets are kept: added to once per ended call, read by the hour range. */
public interface OutcomeAggregates {
    /**
     * Adds the call's counts to its bucket in each rollup ({@link Rollups#of}), once: a call already counted (a retried stream record, a write seen twice)
     * adds nothing.
     *
     * @return true when it was counted now, false when it had been already
     */
    boolean count(EndedCall call);

    /** Every bucket of {@code rollup} (see {@link Rollups}) whose UTC hour is in [{@code from}, {@code to}) (whole hours). */
    List<OutcomeBucket> buckets(String rollup, Instant from, Instant to);

    /** The aggregates have taken in every change of the table up to {@code changedAt}; a later time only ever moves it. */
    void advanceAsOf(Instant changedAt);

    /** How current the aggregates are (see {@link #advanceAsOf}); empty before anything was taken in. */
    Optional<Instant> asOf();
}
