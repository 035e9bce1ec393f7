package io.callscheduler.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

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
