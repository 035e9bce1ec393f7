package io.callscheduler.entrypoints;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callscheduler.store.Page;
import io.callscheduler.suppressions.Suppression;

import java.time.Instant;

/** The API's JSON view of do-not-call entries; {@code active} says whether the entry suppresses now. */
final class SuppressionJson {
    private SuppressionJson() {
    }

    static ObjectNode of(Suppression s, Instant now) {
        ObjectNode node = CallJson.MAPPER.createObjectNode();
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

    static ObjectNode page(Page<Suppression> page, Instant now) {
        ObjectNode node = CallJson.MAPPER.createObjectNode();
        ArrayNode items = node.putArray("items");
        page.items().forEach(s -> items.add(of(s, now)));
        node.put("nextToken", page.nextToken());
        return node;
    }
}
