package io.callscheduler.simulator.receiver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How the webhook receiver answers: the knobs a test or a person turns to play an endpoint that is down, throttling,
 * gone or slow.
 *
 * @param status            the answer's status code: 200 (default), 500, 429, 410, or any other from 200 to 599
 * @param retryAfterSeconds sent as {@code Retry-After} with a 429 or 503; 0 sends none
 * @param hangSeconds       how long the receiver waits before it answers (longer than the sender's timeout plays an
 *                          endpoint that hangs); 0 answers at once
 * @param stallBodySeconds  how long the receiver waits after sending the status and headers before it sends the
 *                          body (plays an endpoint that answers, then stalls); 0 sends the body at once
 * @param forNextRequests   how many of the next requests are answered so; after them it answers 200 again. 0: every
 *                          request, until the knobs change. Not carried over: each change of the knobs says it anew
 */
public record ReceiverSettings(int status, long retryAfterSeconds, long hangSeconds, long stallBodySeconds,
                               long forNextRequests) {
    /** An endpoint that accepts every message at once. */
    public static final ReceiverSettings DEFAULTS = new ReceiverSettings(200, 0, 0, 0, 0);
    /** Longer than any sender waits: ten minutes. */
    static final long MAX_HANG_SECONDS = 600;
    private static final ObjectMapper JSON = new ObjectMapper();

    public ReceiverSettings {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP status from 200 to 599, such as 200, 500, 429 or 410");
        }
        if (retryAfterSeconds < 0) {
            throw new IllegalArgumentException("retryAfterSeconds must not be negative");
        }
        if (hangSeconds < 0 || hangSeconds > MAX_HANG_SECONDS) {
            throw new IllegalArgumentException("hangSeconds must be from 0 to " + MAX_HANG_SECONDS);
        }
        if (stallBodySeconds < 0 || stallBodySeconds > MAX_HANG_SECONDS) {
            throw new IllegalArgumentException("stallBodySeconds must be from 0 to " + MAX_HANG_SECONDS);
        }
        if (forNextRequests < 0) {
            throw new IllegalArgumentException("forNextRequests must not be negative (0: until changed)");
        }
    }

    /** These settings with the fields present in {@code changes} replaced; an unknown field is refused, not ignored. */
    public ReceiverSettings with(JsonNode changes) {
        if (!changes.isObject()) {
            throw new IllegalArgumentException("the knobs must be a JSON object, such as {\"status\": 500}");
        }
        changes.fieldNames().forEachRemaining(name -> {
            if (!java.util.Set.of("status", "retryAfterSeconds", "hangSeconds", "stallBodySeconds", "forNextRequests").contains(name)) {
                throw new IllegalArgumentException("unknown knob '" + name
                        + "'; known: status, retryAfterSeconds, hangSeconds, stallBodySeconds, forNextRequests");
            }
            if (!changes.get(name).canConvertToLong()) {
                throw new IllegalArgumentException(name + " must be a whole number");
            }
        });
        return new ReceiverSettings(
                changes.path("status").asInt(status),
                changes.path("retryAfterSeconds").asLong(retryAfterSeconds),
                changes.path("hangSeconds").asLong(hangSeconds),
                changes.path("stallBodySeconds").asLong(stallBodySeconds),
                changes.path("forNextRequests").asLong(0));
    }

    public ObjectNode toJson() {
        return JSON.valueToTree(this);
    }
}
