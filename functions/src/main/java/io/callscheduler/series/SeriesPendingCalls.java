package io.callscheduler.series;

import io.callscheduler.domain.Calls;
import io.callscheduler.domain.PageSizes;
import io.callscheduler.model.Call;
import io.callscheduler.model.CallStatus;
import io.callscheduler.store.CallStore;
import io.callscheduler.store.Page;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A series' calls still to dial, canceled by an edit, a split, a pause or a delete: its pending occurrence's call (the
 * series' pointer) and the calls the user moved (detached from that pointer). A call that started dialing is never
 * canceled: it finishes.
 */
final class SeriesPendingCalls {
    private final SeriesStore store;
    private final CallStore calls;
    private final SeriesRoller roller;

    SeriesPendingCalls(SeriesStore store, CallStore calls, SeriesRoller roller) {
        this.store = Objects.requireNonNull(store, "store");
        this.calls = Objects.requireNonNull(calls, "calls");
        this.roller = Objects.requireNonNull(roller, "roller");
    }

    /**
     * Cancels the series' pending call if it has not started dialing, remembering it in {@code withdrawn}: a retry of
     * the same operation after a lost write finds it canceled and must still know that it was withdrawn, not dialed.
     *
     * @return whether the pending call is withdrawn, now or by an earlier try
     */
    boolean withdraw(Series series, Set<String> withdrawn, String reason, Instant now) {
        if (series.currentCallId() == null) {
            return false;
        }
        if (withdrawn.contains(series.currentCallId())) {
            return true;
        }
        Call pending = pendingCall(series);
        if (pending != null && cancel(pending, reason, now)) {
            withdrawn.add(pending.id());
            return true;
        }
        return false;
    }

    /** The pending occurrence's call when it has not started dialing (so it can still be withdrawn), else null. */
    Call pendingCall(Series series) {
        if (series.currentCallId() == null) {
            return null;
        }
        return calls.find(series.currentCallId())
                .filter(call -> call.status() == CallStatus.SCHEDULED && !call.requestUnconfirmed()).orElse(null);
    }

    void cancelPending(Series series, String reason, Instant now) {
        Call pending = pendingCall(series);
        if (pending != null) {
            cancel(pending, reason, now);
        }
    }

    /**
     * Cancels the series' moved calls that have not started dialing: detached from the series' pointer, they are
     * found in its calls (newest occurrence first) down to the earliest occurrence with a MOVED exception.
     */
    void cancelMoved(Series series, String reason, Instant now) {
        Set<LocalDateTime> moved = series.exceptions().stream().filter(e -> e.kind() == SeriesException.Kind.MOVED)
                .map(SeriesException::occurrence).collect(Collectors.toSet());
        if (moved.isEmpty()) {
            return;
        }
        LocalDateTime earliest = moved.stream().min(LocalDateTime::compareTo).orElseThrow();
        String token = null;
        do {
            Page<Call> page = store.calls(series.id(), PageSizes.MAX, token);
            for (Call call : page.items()) {
                if (call.occurrence() != null && call.occurrence().isBefore(earliest)) {
                    return;
                }
                if (moved.contains(call.occurrence()) && call.status() == CallStatus.SCHEDULED) {
                    cancel(call, reason, now);
                }
            }
            token = page.nextToken();
        } while (token != null);
    }

    /** @return whether the call is canceled now (false when it started dialing meanwhile) */
    private boolean cancel(Call call, String reason, Instant now) {
        Call result = Calls.update(calls, call.id(), current ->
                current.status() == CallStatus.SCHEDULED && !current.requestUnconfirmed()
                        ? current.moveTo(CallStatus.CANCELED, now, reason).withLastError(reason) : current).orElse(call);
        if (result.status() == CallStatus.CANCELED) {
            try {
                roller.unschedule(call.id());
            } catch (RuntimeException e) {
                // harmless: a schedule that fires for a canceled call does nothing
            }
            return true;
        }
        return false;
    }
}
