package io.callscheduler.store;

import io.callscheduler.model.Call;
import io.callscheduler.model.CallStatus;
import io.callscheduler.model.IdempotencyRecord;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Persistence of calls. Implementations translate their own failures into
 * {@link ConcurrentUpdateException}, {@link InvalidPageTokenException} or
 * {@link io.callscheduler.dependencies.DependencyUnavailableException}; nothing vendor-specific leaks out.
 *
 * <p>No method scans the whole store: listing and the status-sync queries read an index by status or by
 * scheduled time.
 */
public interface CallStore {

    /** Writes a new call. Fails with {@link ConcurrentUpdateException} if the id exists already. */
    void insert(Call call);

    /**
     * Writes a new call and the idempotency record of the request that created it, both or neither.
     *
     * @throws IdempotencyKeyTakenException when a live record holds the key already (nothing is written)
     */
    void insert(Call call, IdempotencyRecord record);

    /**
     * Writes a new call, with its idempotency record when {@code record} is not null, counted against its
     * number's daily quota when {@code quota} is not null: all or nothing, and concurrent creates for one number
     * never exceed the quota.
     *
     * @throws IdempotencyKeyTakenException when a live record holds the key already
     * @throws NumberQuotaExceededException when the number has had its quota for the day
     */
    void insert(Call call, IdempotencyRecord record, io.callscheduler.destinations.NumberQuota quota);

    /** The record of an idempotency key, if one is live at {@code now}; read consistently. */
    Optional<IdempotencyRecord> findIdempotencyRecord(String key, Instant now);

    Optional<Call> find(String id);

    /**
     * Replaces the call if the stored one still has {@code expected.version()} and {@code expected.status()}.
     *
     * @return the written call, with its version bumped
     * @throws ConcurrentUpdateException when another writer got there first
     */
    Call replace(Call expected, Call updated);

    /**
     * Lists calls matching a filter. Only SCHEDULED: soonest first. Anything else (several statuses, or
     * all calls): most recently scheduled first. With a search, a page may hold fewer than {@code limit}
     * calls and still have a next token: each request reads a bounded number of calls.
     *
     * @param pageToken a token from a previous page for the same filter, or null
     * @throws InvalidPageTokenException when the token is not one this store issued for this filter
     */
    Page<Call> list(CallFilter filter, int limit, String pageToken);

    /**
     * Lists one of the page's views (see {@link CallView}) of the calls matching a filter (its statuses and search
     * filter the view). With a filter, a page may hold fewer than {@code limit} calls and still have a next token.
     *
     * @param now       when "now" is, for the recent end of {@link CallView#NOW}
     * @param pageToken a token from a previous page of the same view and filter, or null
     * @throws InvalidPageTokenException when the token is not one this store issued for this view and filter
     */
    Page<Call> list(CallView view, CallFilter filter, Instant now, int limit, String pageToken);

    /**
     * Counts the calls with a status that contain {@code search} (any when null), reading at most {@code cap} calls.
     */
    Count count(CallStatus status, String search, long cap);

    /**
     * Counts the calls in a view's lane that contain {@code search} (any when null), reading at most {@code cap}
     * calls; with {@code endedSince}, only those listed at or after it (for the ended lane: ended since then).
     */
    Count count(CallView.Lane lane, java.time.Instant endedSince, String search, long cap);

    /**
     * Counts the calls with a status, reading at most {@code cap} of them.
     *
     * @return the count, or {@code cap} when there are at least that many
     */
    long count(CallStatus status, long cap);

    /**
     * Up to {@code limit} calls with this status scheduled at or before {@code dueBy}, in index order (by
     * scheduled time), strictly after {@code after} (null: from the start). Fewer than {@code limit} means
     * the end was reached.
     */
    List<Call> pageWithStatus(CallStatus status, Instant dueBy, IndexPosition after, int limit);

    /** Where a named reader of the status index stopped last time; empty for the start. */
    Optional<IndexPosition> loadCursor(String name);

    /** Remembers where a named reader stopped; null starts it from the beginning next time. */
    void saveCursor(String name, IndexPosition position);
}
