package io.callscheduler.series;

import io.callscheduler.domain.CallService;
import io.callscheduler.domain.NewCallRequest;
import io.callscheduler.domain.RedialRequest;
import io.callscheduler.model.Call;
import io.callscheduler.model.WaitingFor;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The call of one occurrence: built from the series' call fields by the calls' own rules ({@link CallService#draft}),
 * its id derived from the occurrence, and made to wait for the calling hours when the occurrence falls outside them
 * (a single call at such a time is refused; an occurrence is never dropped, it waits for the next opening).
 */
final class OccurrenceCalls {
    private final CallService calls;

    OccurrenceCalls(CallService calls) {
        this.calls = Objects.requireNonNull(calls, "calls");
    }

    /**
     * The call's id: a name-based UUID of the occurrence's key ({@link OccurrenceKeys}) and of the series' version
     * the roller read. Rollers that read the same version (racing, or one again after a crash) derive the same id
     * and the store writes it once; a new version (a pause and resume, an edit) may create a new call for an
     * occurrence whose earlier call it canceled.
     */
    static String callId(String seriesId, java.time.LocalDateTime occurrence, long seriesVersion) {
        return UUID.nameUUIDFromBytes((OccurrenceKeys.occurrenceKey(seriesId, occurrence) + "#v" + seriesVersion)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The request the series' call fields make, in the series' zone (its calls show their times there). */
    static NewCallRequest request(Map<String, String> fields, String timeZone) {
        RedialRequest redial = fields.keySet().stream().anyMatch(name -> name.startsWith("redial."))
                ? new RedialRequest(fields.get("redial.on"), fields.get("redial.maxAttempts"),
                fields.get("redial.afterMinutes")) : null;
        return new NewCallRequest(fields.get("phoneNumber"), null, timeZone, fields.get("contactName"),
                fields.get("notes"), fields.get("callerId"), fields.get("message"), fields.get("voice"),
                fields.get("language"), fields.get("twimlUrl"), fields.get("calleeTimeZone"), redial);
    }

    /**
     * Checks the call fields as POST /calls does.
     *
     * @throws io.callscheduler.domain.ValidationException naming the field at fault
     */
    void check(Map<String, String> fields, String timeZone, Instant at) {
        calls.draft(request(fields, timeZone), UUID.randomUUID().toString(), at);
    }

    Call build(Series series, Occurrence occurrence, String callId, Instant now) {
        Call call = calls.draft(request(series.callFields(), series.rule().timeZone()), callId, occurrence.at())
                .note(now, "occurrence " + occurrence.local() + " of series " + series.id())
                .withSeries(series.id(), occurrence.local());
        var hours = calls.callingHours();
        List<java.time.ZoneId> zones = call.callingZones();
        if (hours.allows(occurrence.at(), zones)) {
            return call;
        }
        // Outside the calling hours: created all the same, waiting for the next opening (dispatch holds it there too).
        return hours.nextOpeningIfAny(occurrence.at(), zones)
                .map(opening -> call.waitFor(WaitingFor.CALLING_HOURS, opening, now, "occurrence at " + occurrence.at()
                        + " is outside the calling hours (" + hours.window().describe() + "): waits until " + opening))
                .orElse(call); // the zones never share an opening: dispatch ends it FAILED, saying why
    }
}
