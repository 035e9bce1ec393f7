package io.callscheduler.domain.dispatch;

import io.callscheduler.destinations.DailyRings;
import io.callscheduler.destinations.DestinationGuard;
import io.callscheduler.destinations.NumberQuota;
import io.callscheduler.metrics.CallMetrics;
import io.callscheduler.model.Call;
import io.callscheduler.model.CallStatus;
import io.callscheduler.model.CountedRing;
import io.callscheduler.store.ConcurrentUpdateException;

import java.time.Instant;

/**
 * Against harassment, every dial attempt counts against its number's cap for the UTC day it is dialed on
 * (MaxCallsPerNumberPerDay), redials included. An attempt already counted for today (a first attempt counted when
 * the call was created, a retry of an attempt) passes; any other is counted here, just before the claim, so that
 * nothing can park it between its count and its dial. Over the cap, the call ends FAILED saying so: redials stop.
 */
final class DailyRingCap implements DispatchStep {
    private static final System.Logger LOG = System.getLogger(DailyRingCap.class.getName());
    private final Steps steps;
    private final DestinationGuard guard;
    private final DailyRings rings;
    private final CallMetrics metrics;

    DailyRingCap(Steps steps, DestinationGuard guard, DailyRings rings, CallMetrics metrics) {
        this.steps = steps;
        this.guard = guard;
        this.rings = rings;
        this.metrics = metrics;
    }

    @Override
    public DispatchOutcome apply(Dial dial) {
        Call call = dial.call;
        Instant now = steps.clock().instant();
        NumberQuota quota = guard.quotaFor(call.phoneNumber(), now);
        if (quota == null) {
            return GO_ON;
        }
        CountedRing ring = new CountedRing(call.dialRound(), quota.day());
        if (ring.equals(call.ringCounted())) {
            return GO_ON;
        }
        if (rings.take(quota)) {
            dial.countedRing = ring; // written with the claim
            return GO_ON;
        }
        String reason = (call.dialRound() > 1 ? "not redialed: " : "not dialed: ") + call.phoneNumber()
                + " has had its " + quota.max() + " dial attempts for " + quota.day()
                + " (UTC; MaxCallsPerNumberPerDay counts every attempt, redials included)"
                + (call.dialRound() > 1 && call.lastError() != null ? "; the last attempt: " + call.lastError() : "");
        try {
            dial.call = steps.store().replace(call, call.moveTo(CallStatus.FAILED, now, reason).withLastError(reason));
        } catch (ConcurrentUpdateException movedOn) {
            return DispatchOutcome.NOT_PENDING; // canceled, rescheduled or claimed meanwhile
        }
        LOG.log(System.Logger.Level.WARNING, "call " + call.id() + " failed: " + reason);
        metrics.failed(CallMetrics.FailureReason.DAILY_CAP);
        return DispatchOutcome.FAILED;
    }
}
