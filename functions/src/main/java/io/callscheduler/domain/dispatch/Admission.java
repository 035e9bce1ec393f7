package io.callscheduler.domain.dispatch;

import io.callscheduler.domain.DialTriggers;
import io.callscheduler.model.Call;
import io.callscheduler.model.CallStatus;
import io.callscheduler.store.CallStore;

import java.time.Clock;
import java.time.Duration;

/**
 * The first step: the call exists, waits (SCHEDULED), the trigger was made for the time it still has, and it is not
 * far too early. Anything else ends the dispatch without a write: a duplicate delivery, a canceled or rescheduled
 * call, a schedule that outlived its call.
 */
final class Admission implements DispatchStep {
    private final CallStore store;
    private final DialTriggers triggers;
    private final Clock clock;

    Admission(CallStore store, DialTriggers triggers, Clock clock) {
        this.store = store;
        this.triggers = triggers;
        this.clock = clock;
    }

    @Override
    public DispatchOutcome apply(Dial dial) {
        Call call = store.find(dial.request.callId()).orElse(null);
        if (call == null) {
            return DispatchOutcome.NOT_FOUND;
        }
        DispatchOutcome refused = refusal(call, dial);
        if (refused != null) {
            return refused;
        }
        if (Duration.between(clock.instant(), call.dueAt()).compareTo(triggers.earliestArrival()) > 0) {
            return DispatchOutcome.NOT_DUE;
        }
        dial.call = call;
        return GO_ON;
    }

    /**
     * Why this dispatch may not go on with {@code call} (as read now, or again after a wait), or null: it is not
     * SCHEDULED any more, or no longer due at the time the trigger was made for.
     */
    static DispatchOutcome refusal(Call call, Dial dial) {
        if (call.status() != CallStatus.SCHEDULED) {
            return DispatchOutcome.NOT_PENDING;
        }
        if (dial.request.scheduledFor() != null && !dial.request.scheduledFor().equals(call.dueAt())) {
            return DispatchOutcome.STALE;
        }
        return null;
    }
}
