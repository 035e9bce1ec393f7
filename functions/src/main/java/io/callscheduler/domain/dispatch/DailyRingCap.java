package io.callscheduler.domain.dispatch;

import io.callscheduler.destinations.DailyRings;
import io.callscheduler.destinations.DestinationGuard;
import io.callscheduler.destinations.NumberQuota;
import io.callscheduler.metrics.CallMetrics;
import io.callscheduler.model.Call;
import io.callscheduler.model.CountedRing;
import io.callscheduler.store.ConcurrentUpdateException;
import io.callscheduler.telephony.CallApiException;

import java.time.Instant;

/**
 * Against harassment, every dial attempt counts against its number's cap for the UTC day it rings on
 * (MaxCallsPerNumberPerDay), redials included. An attempt already counted for that day (a first attempt counted when
 * the call was created, a retry of an attempt) passes; any other is counted here, right after the claim: only the
 * delivery that won the claim counts, so duplicate deliveries neither count one ring twice nor fail a call another
 * is dialing. Over the cap the call ends FAILED saying so; a count that cannot be made sends nothing and the call
 * waits for a retry, uncounted.
 */
final class DailyRingCap implements DispatchStep {
    private static final System.Logger LOG = System.getLogger(DailyRingCap.class.getName());
    private final Steps steps;
    private final DestinationGuard guard;
    private final DailyRings rings;
    private final AttemptResults results;

    DailyRingCap(Steps steps, DestinationGuard guard, DailyRings rings, AttemptResults results) {
        this.steps = steps;
        this.guard = guard;
        this.rings = rings;
        this.results = results;
    }

    @Override
    public DispatchOutcome apply(Dial dial) {
        Call claimed = dial.call;
        NumberQuota quota = guard.quotaFor(claimed.phoneNumber(), ringsAt(dial));
        if (quota == null) {
            return GO_ON;
        }
        CountedRing ring = new CountedRing(claimed.dialRound(), quota.day());
        if (ring.equals(claimed.ringCounted())) {
            return GO_ON;
        }
        boolean counted;
        try {
            counted = rings.take(quota);
        } catch (RuntimeException e) {
            return results.retryLaterOrFail(claimed, CallApiException.notSent("could not count the attempt against "
                    + "MaxCallsPerNumberPerDay: " + e.getMessage(), e), claimed.attempts());
        }
        if (counted) {
            try {
                dial.call = steps.store().replace(claimed, claimed.withRingCounted(ring));
                return GO_ON;
            } catch (ConcurrentUpdateException movedOn) {
                // Nothing else writes a claimed call before its request but the status sync's reclaim of a dispatch it
                // thinks died; it takes over, and counts the attempt again when it dials: this count is given back.
                giveBack(claimed, quota);
                return DispatchOutcome.NOT_PENDING;
            }
        }
        String reason = (claimed.dialRound() > 1 ? "not redialed: " : "not dialed: ") + claimed.phoneNumber()
                + " has had its " + quota.max() + " dial attempts for " + quota.day()
                + " (UTC; MaxCallsPerNumberPerDay counts every attempt, redials included)"
                + (claimed.dialRound() > 1 && claimed.lastError() != null ? "; the last attempt: " + claimed.lastError() : "");
        // The claim counted a request that is not sent.
        return steps.refusals().refuse(dial, claimed.fail(steps.clock().instant(), reason).withAttempts(claimed.attempts() - 1),
                CallMetrics.FailureReason.DAILY_CAP);
    }

    private void giveBack(Call claimed, NumberQuota quota) {
        try {
            rings.giveBack(quota);
        } catch (RuntimeException e) {
            // The number loses one ring of its day, the safe side of the cap; said so for the operator.
            LOG.log(System.Logger.Level.WARNING, "call " + claimed.id() + ": could not give back a ring counted for "
                    + quota.day() + " that another dispatch counts again: " + e.getMessage());
        }
    }

    /** The moment the attempt's request goes out: its dial slot, else its due time (the claim comes a little before). */
    private Instant ringsAt(Dial dial) {
        if (dial.slot != null) {
            return dial.slot;
        }
        Instant now = steps.clock().instant();
        return dial.dueAt != null && dial.dueAt.isAfter(now) ? dial.dueAt : now;
    }
}
