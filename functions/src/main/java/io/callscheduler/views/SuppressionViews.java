package io.callscheduler.views;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callscheduler.suppressions.Suppression;

import java.time.Instant;

/**
 * The JSON view of a do-not-call entry ({@code active}: whether it suppresses at {@code now}): the API's, and the
 * {@code data} of {@code contact.opted_out}.
 */
public final class SuppressionViews {
    private SuppressionViews() {
    }

    public static ObjectNode of(Suppression s, Instant now) {
        ObjectNode node = CallViews.MAPPER.createObjectNode();
        node.put("phoneNumber", s.number());
        node.put("reason", s.reason());
        node.put("source", s.source());
        node.put("addedAt", s.addedAt().toString());
        node.put("expiresAt", s.expiresAt() == null ? null : s.expiresAt().toString());
        node.put("active", s.activeAt(now));
        if (s.callId() != null) {
            node.put("callId", s.callId());
        }
        if (s.digit() != null) {
            node.put("digit", s.digit());
        }
        return node;
    }
}
