package io.callscheduler.domain.dispatch;

import io.callscheduler.domain.CallingHours;
import io.callscheduler.metrics.CallMetrics;
import io.callscheduler.model.Call;
import io.callscheduler.model.WaitingFor;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** The moment to dial must be inside the callee's calling hours; else the call waits for the next opening. */
final class CallingHoursGate implements DispatchStep {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);
    private final Steps steps;
    private final CallingHours callingHours;

    CallingHoursGate(Steps steps, CallingHours callingHours) {
        this.steps = steps;
        this.callingHours = callingHours;
    }

    @Override
    public DispatchOutcome apply(Dial dial) {
        Instant now = steps.clock().instant();
        Instant moment = dial.call.dueAt().isAfter(now) ? dial.call.dueAt() : now;
        return callingHours.allows(moment, dial.call.callingZones()) ? GO_ON
                : waitForOpening(steps, callingHours, dial, moment);
    }

    /** Parks the call until the calling hours next open for it, saying when that is in the callee's own zone. */
    static DispatchOutcome waitForOpening(Steps steps, CallingHours callingHours, Dial dial, Instant moment) {
        List<ZoneId> zones = dial.call.callingZones();
        Instant opening = callingHours.nextOpeningIfAny(moment, zones).orElse(null);
        if (opening == null) {
            return neverOpen(steps, callingHours, dial, zones);
        }
        String note = "waiting for calling hours (" + callingHours.window().describe() + "): "
                + LOCAL.format(opening.atZone(zones.get(0))) + " in " + CallingHours.names(zones);
        return steps.parking().park(dial, WaitingFor.CALLING_HOURS, opening, note, DispatchOutcome.DEFERRED);
    }

    /**
     * The call's zones never share an open moment (the window was narrowed after it was created, as a create is
     * refused for such zones): it can never dial, so it ends FAILED saying why, rather than waiting for ever.
     */
    private static DispatchOutcome neverOpen(Steps steps, CallingHours callingHours, Dial dial, List<ZoneId> zones) {
        String reason = callingHours.neverOpen(zones) + "; create the call again with calleeTimeZone";
        return steps.refusals().refuse(dial, dial.call.fail(steps.clock().instant(), reason), CallMetrics.FailureReason.NEVER_OPEN);
    }
}
