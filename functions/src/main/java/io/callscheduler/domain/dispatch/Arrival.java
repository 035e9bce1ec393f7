package io.callscheduler.domain.dispatch;

import io.callscheduler.model.Call;
import io.callscheduler.model.WaitingFor;
import io.callscheduler.pacing.DialPacer;
import io.callscheduler.store.ConcurrentUpdateException;

import java.time.Duration;
import java.time.Instant;

/**
 * A trigger that arrives before the call's claim moment (a schedule fired early in its minute, call-now with a backstop)
 * waits for it here, then reads the call again: it may have been canceled or rescheduled meanwhile. A paced call
 * reserves its dial slot on arrival, so that a burst's reservations are spread over its arrivals and only the claims
 * are left for the last seconds; a slot later than the call's moment is noted on the call, so a duplicate delivery
 * shares it.
 */
final class Arrival implements DispatchStep {
    private final Steps steps;
    private final DialPacer pacer;

    Arrival(Steps steps, DialPacer pacer) {
        this.steps = steps;
        this.pacer = pacer;
    }

    @Override
    public DispatchOutcome apply(Dial dial) {
        Call call = dial.call;
        Instant claimAt = call.dueAt().minus(steps.settings().claimLead());
        if (!steps.clock().instant().isBefore(claimAt)) {
            return GO_ON;
        }
        if (pacer != DialPacer.UNLIMITED && !DialSlotGate.holdsCurrentSlot(call, steps.clock().instant())) {
            Instant slot = pacer.reserve(call.dueAt());
            if (Duration.between(claimAt, slot).compareTo(steps.settings().maxPacingWait()) > 0) {
                return steps.parking().park(dial, WaitingFor.DIAL_SLOT, slot, DialSlotGate.slotNote(pacer, slot),
                        DispatchOutcome.PACED);
            }
            if (slot.isAfter(call.dueAt())) {
                // A delayed slot is noted, so that a duplicate delivery shares it; one on time costs no write.
                try {
                    dial.call = steps.store().replace(call, call.withReservedSlot(slot));
                } catch (ConcurrentUpdateException movedOn) {
                    // Another delivery noted a slot or the call changed: the read after the wait tells which.
                }
            }
            dial.slot = slot;
            claimAt = slot.minus(DialSlotGate.claimLeadBefore(steps.settings()));
        }
        steps.waits().until(claimAt);
        Call current = steps.store().find(call.id()).orElse(null);
        if (current == null) {
            return DispatchOutcome.NOT_FOUND;
        }
        DispatchOutcome refused = Admission.refusal(current, dial);
        if (refused != null) {
            return refused;
        }
        dial.call = current;
        return GO_ON;
    }
}
