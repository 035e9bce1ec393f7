package io.callscheduler.views;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callscheduler.model.Call;
import io.callscheduler.model.StatusChange;

import java.time.Instant;
import java.time.ZoneId;

/**
 * The JSON view of calls (camelCase; times ISO-8601 UTC, plus the local time in the call's zone): the API's, and the
 * {@code data} of the call events sent to webhooks, so that both show a call alike.
 */
public final class CallViews {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private CallViews() {
    }

    /** A call with its history, as GET /calls/{id} returns it. */
    public static ObjectNode full(Call call) {
        ObjectNode node = summary(call);
        ArrayNode history = node.putArray("history");
        for (StatusChange change : call.history()) {
            ObjectNode entry = history.addObject();
            entry.put("status", change.status().name());
            entry.put("at", change.at().toString());
            entry.put("detail", change.detail());
        }
        return node;
    }

    /** A call without its history, as lists return it. */
    public static ObjectNode summary(Call call) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", call.id());
        node.put("phoneNumber", call.phoneNumber());
        node.put("contactName", call.contactName());
        node.put("notes", call.notes());
        node.put("scheduledAt", call.scheduledAt().toString());
        node.put("scheduledAtLocal", call.scheduledAt().atZone(ZoneId.of(call.timeZone())).toOffsetDateTime().toString());
        node.put("timeZone", call.timeZone());
        node.put("status", call.status().name());
        node.put("createdAt", text(call.createdAt()));
        node.put("updatedAt", text(call.updatedAt()));
        // When it reached its final status; null while it is not over.
        node.put("endedAt", text(call.endedAt()));
        // When it was answered (it moved to IN_PROGRESS); null when it never was.
        node.put("answeredAt", text(call.answeredAt()));
        node.put("attempts", call.attempts());
        node.put("externalCallId", call.externalCallId());
        node.put("providerStatus", call.providerStatus());
        node.put("lastError", call.lastError());
        // While a SCHEDULED call waits to be tried again, when (nextAttemptAt) and why (waitingFor).
        node.put("nextAttemptAt", call.nextAttemptAt() == null ? null : call.nextAttemptAt().toString());
        node.put("waitingFor", call.waitingFor() == null ? null : call.waitingFor().name());
        // A request whose answer was lost: the provider is asked whether it placed the call before anything is sent.
        node.put("requestUnconfirmed", call.requestUnconfirmed());
        node.put("callerId", call.script().callerId());
        node.put("message", call.script().message());
        node.put("voice", call.script().voice());
        node.put("language", call.script().language());
        node.put("twimlUrl", call.script().twimlUrl());
        // Where calling hours are checked: the callee's zones (given or from the number), else the call's own.
        var zones = node.putArray("callingTimeZones");
        call.callingZones().forEach(zone -> zones.add(zone.getId()));
        node.put("dialRound", call.dialRound());
        if (call.redial() != null) {
            ObjectNode redial = node.putObject("redial");
            var on = redial.putArray("on");
            call.redial().on().stream().map(Enum::name).sorted().forEach(on::add);
            redial.put("maxAttempts", call.redial().maxAttempts());
            redial.put("afterMinutes", call.redial().after().toMillis() / 60_000.0);
        }
        // The campaign whose contact the call dials; null for a call created alone.
        node.put("campaignId", call.campaignId());
        // The series whose occurrence the call is (its local date-time in the series' zone); null for other calls.
        node.put("seriesId", call.seriesId());
        node.put("occurrence", call.occurrence() == null ? null : call.occurrence().toString());
        node.put("durationSeconds", call.progress().durationSeconds());
        node.put("answeredBy", call.progress().answeredBy());
        return node;
    }


    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
