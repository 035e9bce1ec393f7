package io.callscheduler.lines;

import io.callscheduler.model.Call;
import io.callscheduler.model.CallStatus;
import io.callscheduler.model.IdempotencyRecord;
import io.callscheduler.store.CallFilter;
import io.callscheduler.store.CallStore;
import io.callscheduler.store.IndexPosition;
import io.callscheduler.store.Page;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A call store that gives a call's line back whenever a write moves it out of DIALING or IN_PROGRESS, whoever
 * writes it (a dispatch, a callback, a poll, a redial). One place, so that no path that ends a call can forget.
 * A process that dies between the write and the release leaves a stale holder, which {@link StaleLines} frees.
 */
public final class LineReleasingCallStore implements CallStore {
    private static final System.Logger LOG = System.getLogger(LineReleasingCallStore.class.getName());
    private final CallStore store;
    private final CallLines lines;

    public LineReleasingCallStore(CallStore store, CallLines lines) {
        this.store = Objects.requireNonNull(store, "store");
        this.lines = Objects.requireNonNull(lines, "lines");
    }

    @Override
    public Call replace(Call expected, Call updated) {
        Call written = store.replace(expected, updated);
        if (expected.status().isActive() && !written.status().isActive()) {
            try {
                lines.release(written.id());
            } catch (RuntimeException e) {
                // The call's state is written; the line is freed by the status sync's stale-line check.
                LOG.log(System.Logger.Level.WARNING, "call " + written.id() + ": could not give its line back: " + e.getMessage());
            }
        }
        return written;
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
    public Page<Call> list(CallFilter filter, int limit, String pageToken) {
        return store.list(filter, limit, pageToken);
    }

    @Override
    public long count(CallStatus status, long cap) {
        return store.count(status, cap);
    }

    @Override
    public List<Call> pageWithStatus(CallStatus status, Instant dueBy, IndexPosition after, int limit) {
        return store.pageWithStatus(status, dueBy, after, limit);
    }

    @Override
    public Optional<IndexPosition> loadCursor(String name) {
        return store.loadCursor(name);
    }

    @Override
    public void saveCursor(String name, IndexPosition position) {
        store.saveCursor(name, position);
    }
}
