package io.callscheduler.domain.dispatch;

import io.callscheduler.lines.CallLines;
import io.callscheduler.model.Call;
import io.callscheduler.model.WaitingFor;

import java.time.Duration;
import java.time.Instant;

/**
 * A call dials only on a free line (MaxConcurrentCalls), shared by every dispatcher. While every line is busy the
 * dispatch asks again every {@link #POLL} for as long as it may wait inline; then the call waits on a schedule and
 * asks again {@link #RECHECK} later.
 */
final class LineGate implements DispatchStep {
    private static final System.Logger LOG = System.getLogger(LineGate.class.getName());
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration RECHECK = Duration.ofSeconds(30);
    private final Steps steps;
    private final CallLines lines;

    LineGate(Steps steps, CallLines lines) {
        this.steps = steps;
        this.lines = lines;
    }

    @Override
    public DispatchOutcome apply(Dial dial) {
        if (lines.limit() == 0) {
            return GO_ON;
        }
        Instant giveUpAt = steps.clock().instant().plus(steps.settings().maxPacingWait());
        while (!lines.take(dial.call.id(), steps.clock().instant())) {
            if (!steps.clock().instant().plus(POLL).isBefore(giveUpAt) || !steps.waits().timeLeftFor(POLL, dial.deadline)) {
                return steps.parking().park(dial, WaitingFor.LINE, steps.clock().instant().plus(RECHECK),
                        "all lines busy (MaxConcurrentCalls " + lines.limit() + "): waiting for one",
                        DispatchOutcome.LINES_BUSY);
            }
            steps.waits().pause(POLL);
        }
        dial.tookLine = true;
        return GO_ON;
    }

    /**
     * A line this dispatch took goes back unless its call holds it now: dialing, on the phone, or waiting to look up
     * a lost answer. After a lost race (NOT_PENDING: another writer changed the call meanwhile) it is left to the
     * stale-line sweep instead: the other writer may be a duplicate delivery of the same call, holding the same
     * line under the same id and about to claim it, and giving it back then would let that call dial uncounted.
     */
    void giveBackIfUnused(Dial dial, DispatchOutcome outcome) {
        if (!dial.tookLine || outcome == DispatchOutcome.DIALED || outcome == DispatchOutcome.RETRY_LATER
                || outcome == DispatchOutcome.NOT_PENDING) {
            return; // claimed: the line goes back with the write that ends its hold (LineKeepingCallStore); or a lost race
        }
        try {
            Call call = steps.store().find(dial.request.callId()).orElse(null);
            if (call == null || !call.holdsLine()) {
                lines.release(dial.request.callId());
            }
        } catch (RuntimeException e) {
            // The status sync frees a line whose holder does not hold it (StaleLines).
            LOG.log(System.Logger.Level.WARNING, "call " + dial.request.callId() + ": could not give its line back: " + e);
        }
    }
}
