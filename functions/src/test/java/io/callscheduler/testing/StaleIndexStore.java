package io.callscheduler.testing;

import io.callscheduler.model.Call;
import io.callscheduler.model.CallStatus;
import io.callscheduler.store.CallStore;
import io.callscheduler.store.ForwardingCallStore;
import io.callscheduler.store.IndexPosition;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real store whose status index lags, as a DynamoDB global secondary index does (its reads are
 * eventually consistent): for the statuses given, index reads return old snapshots of calls, while reads
 * by id see the current item.
 */
public final class StaleIndexStore extends ForwardingCallStore {
    private final Map<CallStatus, List<Call>> staleSnapshots = new ConcurrentHashMap<>();

    public StaleIndexStore(CallStore store) {
        super(store);
    }

    /** Index reads of {@code status} return exactly these snapshots from now on. */
    public StaleIndexStore lagging(CallStatus status, List<Call> snapshots) {
        staleSnapshots.put(status, List.copyOf(snapshots));
        return this;
    }

    @Override
    public List<Call> pageWithStatus(CallStatus status, Instant dueBy, IndexPosition after, int limit) {
        List<Call> stale = staleSnapshots.get(status);
        return stale == null ? delegate().pageWithStatus(status, dueBy, after, limit) : after == null ? stale : List.of();
    }
}
