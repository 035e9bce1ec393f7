package io.callscheduler.domain.dispatch;

import io.callscheduler.domain.CallingHours;
import io.callscheduler.model.Call;
import io.callscheduler.model.WaitingFor;
import io.callscheduler.pacing.DialPacer;
import io.callscheduler.store.ConcurrentUpdateException;

import java.time.Duration;
import java.time.Instant;

/**
 * Pacing (MaxCallsPerSecond): the call's first request goes at a dial slot shared out by every dispatcher. A slot the
 * dispatch can wait for inline is waited for (and noted on the call, so a duplicate delivery shares it); a later one
 * is waited for SCHEDULED, on a schedule. A slot past the calling hours' end waits for their next opening.
 */
final class DialSlotGate implements DispatchStep {
    private final Steps steps;
    /** How long a paced call due now allows its claim to take before its dial slot. */
    private static final Duration CLAIM_ALLOWANCE = Duration.ofMillis(250);
    private final DialPacer pacer;
    private final CallingHours callingHours;

    DialSlotGate(Steps steps, DialPacer pacer, CallingHours callingHours) {
        this.steps = steps;
        this.pacer = pacer;
        this.callingHours = callingHours;
    }

    @Override
    public DispatchOutcome apply(Dial dial) {
        Call call = dial.call;
        Instant now = steps.clock().instant();
        Instant moment = call.dueAt().isAfter(now) ? call.dueAt() : now;
        if (pacer == DialPacer.UNLIMITED) {
            dial.slot = moment; // claimed a claim lead early, the call still dials at its moment
            return GO_ON;
        }
        Instant slot = slotFor(call, dial.slot, moment, now);
        if (!callingHours.allows(slot, call.callingZones())) {
            return CallingHoursGate.waitForOpening(steps, callingHours, dial, slot); // pacing pushed it past the window
        }
        Duration wait = Duration.between(now, slot);
        if (wait.compareTo(steps.settings().maxPacingWait().plus(steps.settings().claimLead())) > 0
                || ((!wait.isNegative() && !wait.isZero()) && !steps.waits().timeLeftFor(wait, dial.deadline))) {
            return steps.parking().park(dial, WaitingFor.DIAL_SLOT, slot, slotNote(pacer, slot), DispatchOutcome.PACED);
        }
        if (slot.isAfter(moment) && !slot.equals(call.dialSlot())) {
            try {
                dial.call = steps.store().replace(call, call.withReservedSlot(slot));
            } catch (ConcurrentUpdateException movedOn) {
                return DispatchOutcome.NOT_PENDING; // canceled, rescheduled or claimed meanwhile
            }
        }
        // Claimed a claim lead before its slot, so that the claim's write does not sit between the slot and the dial,
        // and the claims of a paced burst are spread along their slots instead of racing at once.
        steps.waits().until(slot.minus(claimLeadBefore(steps.settings())));
        dial.slot = slot;
        return GO_ON;
    }

    /**
     * The call's dial slot, never before its moment: the one this dispatch reserved on arrival, or one noted on the
     * call while it waited, if still current, else a new one. A call due now asks for a slot a little ahead: the claim's write comes between the
     * reservation and the dial, and a slot of "now" would pass during it and be given up.
     */
    private Instant slotFor(Call call, Instant reservedOnArrival, Instant moment, Instant now) {
        Instant reserved = reservedOnArrival != null ? reservedOnArrival : call.dialSlot();
        if (reserved != null && !now.isAfter(reserved.plus(pacer.interval()))) {
            return reserved.isBefore(moment) ? moment : reserved;
        }
        Instant allowingTheClaim = now.plus(CLAIM_ALLOWANCE);
        return pacer.reserve(moment.isBefore(allowingTheClaim) ? allowingTheClaim : moment);
    }

    static boolean holdsCurrentSlot(Call call, Instant now) {
        return call.dialSlot() != null && !now.isAfter(call.dialSlot());
    }

    static String slotNote(DialPacer pacer, Instant slot) {
        return "pacing at " + pacer.describe() + ": dial slot at " + slot;
    }

    /** How long before its dial slot a paced call is claimed: the claim lead, and never less than the claim allowance. */
    static Duration claimLeadBefore(DispatchSettings settings) {
        return settings.claimLead().compareTo(CLAIM_ALLOWANCE) > 0 ? settings.claimLead() : CLAIM_ALLOWANCE;
    }
}
