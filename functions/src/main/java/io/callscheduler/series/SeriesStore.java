package io.callscheduler.series;

import io.callscheduler.model.Call;
import io.callscheduler.store.Page;

import java.util.List;
import java.util.Optional;

/** Where series are kept (the calls' table, {@code series/dynamodb}); writes are conditional on the version read. */
public interface SeriesStore {
    /** @throws io.callscheduler.store.ConcurrentUpdateException when a series with its id exists */
    void insert(Series series);

    /**
     * Writes a new series and the record of the Idempotency-Key that created it, both or neither.
     *
     * @throws io.callscheduler.store.IdempotencyKeyTakenException when a live record holds the key (or a racing
     *                                                             request is writing it); nothing is written
     * @throws io.callscheduler.store.ConcurrentUpdateException    when a series with its id exists
     */
    void insert(Series series, SeriesIdempotencyRecord record);

    /** The record of a POST /series Idempotency-Key, if one is live at {@code now}; read consistently. */
    Optional<SeriesIdempotencyRecord> findIdempotencyRecord(String key, java.time.Instant now);

    /**
     * Both at once: the old series ended (continued by {@code next}) and its continuation written.
     *
     * @throws io.callscheduler.store.ConcurrentUpdateException when {@code old} changed since it was read
     */
    void split(Series expectedOld, Series endedOld, Series next);

    /**
     * One transaction: the series, moved to its next occurrence ({@code updated}), and that occurrence's call.
     *
     * @throws io.callscheduler.store.ConcurrentUpdateException when the series changed since it was read, or the
     *                                                          call exists (another roller wrote both)
     */
    void rollTo(Series expected, Series updated, Call call);

    Optional<Series> find(String id);

    /**
     * @return {@code updated} with its version bumped
     * @throws io.callscheduler.store.ConcurrentUpdateException when another write came between
     */
    Series replace(Series expected, Series updated);

    /** Every series, newest first. */
    Page<Series> list(int limit, String pageToken);

    /** The calls of a series' occurrences, newest occurrence first. */
    Page<Call> calls(String seriesId, int limit, String pageToken);

    /**
     * Active series in creation order, oldest first, after the one at {@code after} (null: from the oldest), at most
     * {@code limit}: for the sweep that creates the pending occurrence of any that lacks one.
     */
    List<Series> active(SweepPosition after, int limit);

    /** Where the last sweep stopped; empty when the next one starts from the oldest. */
    Optional<SweepPosition> sweepPosition();

    /** @param position null: the next sweep starts from the oldest */
    void saveSweepPosition(SweepPosition position);
}
