package io.callscheduler.domain;

import io.callscheduler.destinations.DestinationGuard;
import io.callscheduler.model.Call;
import io.callscheduler.model.CallScript;
import io.callscheduler.redial.RedialLimits;
import io.callscheduler.redial.RedialPolicy;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A new call's fields checked one by one (number, destination, zone, names, time, script, callee zones, redial) into
 * the call they make, nothing written: the one place both a create and a series' occurrence check them. The checks
 * that depend on the moment or the list (calling hours, the do-not-call list, the day's quota) are the caller's.
 */
final class CallDrafts {
    private final DestinationGuard destinations;
    private final CallScripts.ScriptRules callerIds;
    private final CallingHours callingHours;
    private final RedialPolicy redialDefaults;
    private final RedialLimits redialLimits;
    private final Clock clock;

    CallDrafts(DestinationGuard destinations, CallScripts.ScriptRules callerIds, CallingHours callingHours,
               RedialPolicy redialDefaults, RedialLimits redialLimits, Clock clock) {
        this.destinations = Objects.requireNonNull(destinations, "destinations");
        this.callerIds = Objects.requireNonNull(callerIds, "callerIds");
        this.callingHours = Objects.requireNonNull(callingHours, "callingHours");
        this.redialDefaults = Objects.requireNonNull(redialDefaults, "redialDefaults");
        this.redialLimits = Objects.requireNonNull(redialLimits, "redialLimits");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param scheduledAtIn the call's moment, read in the call's checked zone (where the request's time is checked, in
     *                      the order the fields are reported)
     * @throws ValidationException naming the first field at fault
     */
    Call draft(NewCallRequest request, String id, Function<String, Instant> scheduledAtIn) {
        Instant now = clock.instant();
        String phoneNumber = CallRules.phoneNumber(request.phoneNumber());
        destinations.check(phoneNumber);
        String zone = CallRules.timeZone(request.timeZone());
        String contactName = CallRules.optionalText("contactName", request.contactName(), CallRules.MAX_CONTACT_NAME);
        String notes = CallRules.optionalText("notes", request.notes(), CallRules.MAX_NOTES);
        Instant scheduledAt = scheduledAtIn.apply(zone);
        CallScript script = CallScripts.validate(request, callerIds);
        List<String> calleeZones = callingHours.calleeZones(phoneNumber, request.calleeTimeZone());
        Call call = Call.newScheduled(id, phoneNumber, contactName, notes, scheduledAt, zone, calleeZones, script, now);
        return request.redial() == null ? call : call.withRedial(request.redial().resolve(redialDefaults, redialLimits));
    }
}
