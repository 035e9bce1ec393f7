package io.callscheduler.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callscheduler.logging.InvocationLogging;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The dispatch function's input, one JSON shape for every trigger:
 * <pre>{"callId": "...", "scheduledFor": "2026-12-01T08:30:00Z", "source": "scheduler",
 *  "executionId": "...", "attempt": "1"}</pre>
 * The Scheduler fills {@code executionId}, {@code attempt} and {@code firedAt} from its context attributes.
 */
public final class DispatchEvents {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DispatchEvents() {
    }

    /** The event for a direct invocation. */
    public static String toJson(DispatchRequest request) {
        return base(request).toString();
    }

    /** The Scheduler target input: the event plus the Scheduler's context attribute placeholders. */
    public static String schedulerInput(DispatchRequest request) {
        ObjectNode node = base(request);
        node.put("firedAt", "<aws.scheduler.scheduled-time>");
        node.put("executionId", "<aws.scheduler.execution-id>");
        node.put("attempt", "<aws.scheduler.attempt-number>");
        return node.toString();
    }

    /** @throws IllegalArgumentException when the JSON is not a dispatch event */
    public static DispatchRequest fromJson(byte[] json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("dispatch event is not JSON: " + e.getMessage(), e);
        }
        if (node == null || !node.path("callId").isTextual() || node.get("callId").asText().isBlank()) {
            throw new IllegalArgumentException("dispatch event has no callId");
        }
        Instant scheduledFor = null;
        if (node.path("scheduledFor").isTextual()) {
            try {
                scheduledFor = Instant.parse(node.get("scheduledFor").asText());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("dispatch event has a malformed scheduledFor", e);
            }
        }
        String source = node.path("source").isTextual() ? node.get("source").asText() : "unknown";
        return new DispatchRequest(node.get("callId").asText(), scheduledFor, source);
    }

    /**
     * What a dispatch's log lines name ({@link InvocationLogging}): the call, the
     * trigger, and the Scheduler's execution id and attempt when it fired it; nothing for what is not JSON.
     */
    public static java.util.Map<String, String> logFields(byte[] json) {
        java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
        try {
            JsonNode node = JSON.readTree(json);
            if (node != null) {
                for (String[] field : new String[][]{{"callId", InvocationLogging.CALL_ID}, {"source", InvocationLogging.SOURCE},
                        {"executionId", InvocationLogging.EXECUTION_ID}, {"attempt", InvocationLogging.ATTEMPT}}) {
                    String value = node.path(field[0]).asText(null);
                    // A placeholder the Scheduler did not fill (a direct invocation of a schedule's input) says nothing.
                    if (value != null && !value.startsWith("<aws.scheduler.")) {
                        fields.put(field[1], value);
                    }
                }
            }
        } catch (IOException e) {
            // not JSON: fromJson says so
        }
        return fields;
    }

    private static ObjectNode base(DispatchRequest request) {
        ObjectNode node = JSON.createObjectNode();
        node.put("callId", request.callId());
        if (request.scheduledFor() != null) {
            node.put("scheduledFor", request.scheduledFor().toString());
        }
        node.put("source", request.source());
        return node;
    }
}
