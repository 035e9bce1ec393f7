package io.callscheduler.events.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/** A {@link DeliveryMessage} as a queue message's body: one owner of its JSON shape, for writer and reader. */
public final class DeliveryMessageJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DeliveryMessageJson() {
    }

    public static String write(DeliveryMessage message) {
        ObjectNode json = MAPPER.createObjectNode()
                .put("endpointId", message.endpointId())
                .put("webhookId", message.webhookId())
                .put("eventType", message.eventType())
                .put("body", message.body())
                .put("attempt", message.attempt())
                .put("queuedAt", message.queuedAt().toString());
        if (message.notBefore() != null) {
            json.put("notBefore", message.notBefore().toString());
        }
        if (message.resend()) {
            json.put("resend", true);
        }
        return json.toString();
    }

    /** @throws IllegalArgumentException for a body that is not a delivery message (it cannot be delivered) */
    public static DeliveryMessage read(String text) {
        try {
            JsonNode json = MAPPER.readTree(text);
            JsonNode notBefore = json.path("notBefore");
            return new DeliveryMessage(required(json, "endpointId"), required(json, "webhookId"),
                    required(json, "eventType"), required(json, "body"), json.path("attempt").asInt(0),
                    Instant.parse(required(json, "queuedAt")),
                    notBefore.isTextual() ? Instant.parse(notBefore.asText()) : null, json.path("resend").asBoolean(false));
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("not a delivery message: " + e.getMessage(), e);
        }
    }

    private static String required(JsonNode json, String name) {
        JsonNode value = json.path(name);
        if (!value.isTextual()) {
            throw new IllegalArgumentException(name + " is missing");
        }
        return value.asText();
    }
}
