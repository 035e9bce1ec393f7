package io.callscheduler.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callscheduler.views.CallViews;

import java.time.Instant;
import java.util.Objects;

/**
 * One event to send: its {@code webhook-id} and the payload {@code {type, timestamp, data}}. The same change always
 * yields the same event, byte for byte: id, timestamp and data come from the change alone.
 *
 * @param timestamp when the change happened (not when it is sent: a retry or a replay carries the same)
 * @param data      the resource as the API shows it, plus {@code sequence} where the resource has a version
 */
public record OutboundEvent(String id, EventType type, Instant timestamp, ObjectNode data) {
    public OutboundEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(data, "data");
        data = data.deepCopy();
    }

    @Override
    public ObjectNode data() {
        return data.deepCopy();
    }

    /** {@code {type, timestamp, data}}, in that order. */
    public ObjectNode payload() {
        ObjectNode payload = CallViews.MAPPER.createObjectNode();
        payload.put("type", type.wireName());
        payload.put("timestamp", timestamp.toString());
        payload.set("data", data.deepCopy());
        return payload;
    }

    /** The payload as the bytes that are signed and sent (UTF-8 JSON, no whitespace). */
    public String body() {
        try {
            return CallViews.MAPPER.writeValueAsString(payload());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of text and numbers always serialises", e);
        }
    }
}
