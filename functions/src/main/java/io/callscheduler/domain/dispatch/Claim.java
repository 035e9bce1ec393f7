package io.callscheduler.domain.dispatch;

import io.callscheduler.model.Call;
import io.callscheduler.pacing.DialPacer;
import io.callscheduler.store.ConcurrentUpdateException;

import java.time.Duration;
import java.time.Instant;

/**
 * The exactly-once guard: a conditional write SCHEDULED → DIALING on the version this dispatch read. Of any number of
 * concurrent deliveries, one wins; the others end NOT_PENDING and dial nothing.
 */
final class Claim implements DispatchStep {
    private final Steps steps;
    private final DialPacer pacer;

    Claim(Steps steps, DialPacer pacer) {
        this.steps = steps;
        this.pacer = pacer;
    }

    @Override
    public DispatchOutcome apply(Dial dial) {
        Call call = dial.call;
        Instant now = steps.clock().instant();
        String detail = (call.attempts() == 0 ? "dialing (" : "dialing, attempt " + (call.attempts() + 1) + " (")
                + dial.request.source() + ")" + pacingNote(call, dial.slot, now);
        try {
            dial.call = steps.store().replace(call, call.claim(now, detail));
            dial.dueAt = call.dueAt();
            return GO_ON;
        } catch (ConcurrentUpdateException lostRace) {
            return DispatchOutcome.NOT_PENDING;
        }
    }

    /** "; dialed 37 s late: pacing at 1/s" when pacing makes this dial a second or more late, else "". */
    private String pacingNote(Call call, Instant slot, Instant now) {
        if (slot == null) {
            return "";
        }
        long late = Duration.between(call.scheduledAt(), slot).toSeconds();
        boolean pacingWaited = call.dialSlot() != null || slot.isAfter(now);
        return late >= 1 && pacingWaited ? "; dialed " + late + " s late: pacing at " + pacer.describe() : "";
    }
}
