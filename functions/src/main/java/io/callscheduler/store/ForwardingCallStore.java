package io.callscheduler.store;

import io.callscheduler.destinations.NumberQuota;
import io.callscheduler.model.Call;
import io.callscheduler.model.CallStatus;
import io.callscheduler.model.IdempotencyRecord;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A call store that passes every call to another: a decorator overrides only what it changes. */
public abstract class ForwardingCallStore implements CallStore {
    private final CallStore delegate;

    protected ForwardingCallStore(CallStore delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    protected final CallStore delegate() {
        return delegate;
    }

    @Override
    public void insert(Call call) {
        delegate.insert(call);
    }

    @Override
    public void insert(Call call, IdempotencyRecord record) {
        delegate.insert(call, record);
    }

    @Override
    public void insert(Call call, IdempotencyRecord record, NumberQuota quota) {
        delegate.insert(call, record, quota);
    }

    @Override
    public Optional<IdempotencyRecord> findIdempotencyRecord(String key, Instant now) {
        return delegate.findIdempotencyRecord(key, now);
    }

    @Override
    public Optional<Call> find(String id) {
        return delegate.find(id);
    }

    @Override
    public Call replace(Call expected, Call updated) {
        return delegate.replace(expected, updated);
    }

    @Override
    public Page<Call> list(CallFilter filter, int limit, String pageToken) {
        return delegate.list(filter, limit, pageToken);
    }

    @Override
    public Page<Call> list(CallView view, CallFilter filter, Instant now, int limit, String pageToken) {
        return delegate.list(view, filter, now, limit, pageToken);
    }

    @Override
    public Count count(CallStatus status, String search, long cap) {
        return delegate.count(status, search, cap);
    }

    @Override
    public Count count(CallView.Lane lane, Instant endedSince, String search, long cap) {
        return delegate.count(lane, endedSince, search, cap);
    }

    @Override
    public long count(CallStatus status, long cap) {
        return delegate.count(status, cap);
    }

    @Override
    public List<Call> pageWithStatus(CallStatus status, Instant dueBy, IndexPosition after, int limit) {
        return delegate.pageWithStatus(status, dueBy, after, limit);
    }

    @Override
    public Optional<IndexPosition> loadCursor(String name) {
        return delegate.loadCursor(name);
    }

    @Override
    public void saveCursor(String name, IndexPosition position) {
        delegate.saveCursor(name, position);
    }
}
