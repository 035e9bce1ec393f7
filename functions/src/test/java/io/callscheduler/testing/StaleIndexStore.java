package io.callscheduler.testing;

import io.callscheduler.model.Call;
import io.callscheduler.model.CallStatus;
import io.callscheduler.model.IdempotencyRecord;
import io.callscheduler.store.CallFilter;
import io.callscheduler.store.CallStore;
import io.callscheduler.store.IndexPosition;
import io.callscheduler.store.Page;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real store whose status index lags, as a DynamoDB global secondary index does (its reads are
 * eventually consistent): for the statuses given, index reads return old snapshots of calls, while reads
 * by id see the current item.
 */
public final class StaleIndexStore implements CallStore {
    private final CallStore store;
    private final Map<CallStatus, List<Call>> staleSnapshots = new ConcurrentHashMap<>();

    public StaleIndexStore(CallStore store) {
        this.store = store;
    }

    /** Index reads of {@code status} return exactly these snapshots from now on. */
    public StaleIndexStore lagging(CallStatus status, List<Call> snapshots) {
        staleSnapshots.put(status, List.copyOf(snapshots));
        return this;
    }

    @Override
    public List<Call> pageWithStatus(CallStatus status, Instant dueBy, IndexPosition after, int limit) {
        List<Call> stale = staleSnapshots.get(status);
        return stale == null ? store.pageWithStatus(status, dueBy, after, limit) : after == null ? stale : List.of();
    }

    @Override
    public Optional<IndexPosition> loadCursor(String name) {
        return store.loadCursor(name);
    }

    @Override
    public void saveCursor(String name, IndexPosition position) {
        store.saveCursor(name, position);
    }

    @Override
    public void insert(Call call) {
        store.insert(call);
    }

    @Override
    public void insert(Call call, IdempotencyRecord record) {
        store.insert(call, record);
    }

    @Override
    public void insert(Call call, IdempotencyRecord record, io.callscheduler.destinations.NumberQuota quota) {
        store.insert(call, record, quota);
    }

    @Override
    public Optional<IdempotencyRecord> findIdempotencyRecord(String key, Instant now) {
        return store.findIdempotencyRecord(key, now);
    }

    @Override
    public Optional<Call> find(String id) {
        return store.find(id);
    }

    @Override
    public Call replace(Call expected, Call updated) {
        return store.replace(expected, updated);
    }

    @Override
    public Page<Call> list(CallFilter filter, int limit, String pageToken) {
        return store.list(filter, limit, pageToken);
    }

    @Override
    public long count(CallStatus status, long cap) {
        return store.count(status, cap);
    }
}
