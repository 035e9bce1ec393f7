package io.callscheduler.domain.dispatch;

import io.callscheduler.domain.DialTriggers;
import io.callscheduler.metrics.CallMetrics;
import io.callscheduler.model.Call;
import io.callscheduler.model.WaitingFor;
import io.callscheduler.store.CallStore;
import io.callscheduler.store.ConcurrentUpdateException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Parks a SCHEDULED call that cannot go on now: it waits for a reason until a time, says so in its history (once per
 * reason, not once per recheck), and gets a trigger for that time. The steps' one way to end a dispatch with a wait.
 */
final class Parking {
    private static final System.Logger LOG = System.getLogger(Parking.class.getName());
    private final CallStore store;
    private final DialTriggers triggers;
    private final CallMetrics metrics;
    private final Clock clock;

    Parking(CallStore store, DialTriggers triggers, CallMetrics metrics, Clock clock) {
        this.store = store;
        this.triggers = triggers;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Writes the wait, unless the call moved on since the dispatch read it (then nothing is written).
     *
     * @param note the history note; left out when the call already waits for the same reason (a recheck)
     * @return {@code outcome}, or NOT_PENDING when the call moved on meanwhile
     */
    DispatchOutcome park(Dial dial, WaitingFor reason, Instant until, String note,
                                 DispatchOutcome outcome) {
        Instant now = clock.instant();
        Call call = dial.call;
        Call waiting = call.waitFor(reason, until, now, call.waitingFor() == reason ? null : note);
        try {
            waiting = store.replace(call, waiting);
        } catch (ConcurrentUpdateException movedOn) {
            return DispatchOutcome.NOT_PENDING; // canceled, rescheduled or claimed meanwhile
        }
        dial.call = waiting;
        LOG.log(System.Logger.Level.INFO, "call " + call.id() + ": waiting for " + reason.words() + " until " + until
                + (note == null ? "" : ": " + note));
        recordHeld(reason, Duration.between(now, until));
        triggers.arrangeOrLeaveToSweep(waiting, triggerSource(reason));
        return outcome;
    }

    /** Who dispatches the call when its wait ends, as its history says ("dialing (retry)"). */
    static String triggerSource(WaitingFor reason) {
        return switch (reason) {
            case RETRY -> "retry";
            case DIAL_SLOT -> "pacing";
            case LINE -> "line";
            case CALLING_HOURS -> "calling-hours";
            case REDIAL -> "redial";
            case CAMPAIGN_PAUSED -> "campaign";
        };
    }

    private void recordHeld(WaitingFor reason, Duration by) {
        switch (reason) {
            case DIAL_SLOT -> metrics.held(CallMetrics.HoldReason.PACING, by);
            case CALLING_HOURS -> metrics.held(CallMetrics.HoldReason.CALLING_HOURS, by);
            case LINE -> metrics.held(CallMetrics.HoldReason.LINES_BUSY, by);
            default -> { } // retries and redials are counted as provider errors and outcomes
        }
    }
}
