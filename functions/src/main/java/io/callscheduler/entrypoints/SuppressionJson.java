package io.callscheduler.entrypoints;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callscheduler.store.Page;
import io.callscheduler.suppressions.Suppression;
import io.callscheduler.views.SuppressionViews;

import java.time.Instant;

/** The API's JSON view of do-not-call entries ({@link SuppressionViews}); {@code active} says whether the entry suppresses now. */
final class SuppressionJson {
    private SuppressionJson() {
    }

    static ObjectNode of(Suppression s, Instant now) {
        return SuppressionViews.of(s, now);
    }

    static ObjectNode page(Page<Suppression> page, Instant now) {
        ObjectNode node = CallJson.MAPPER.createObjectNode();
        ArrayNode items = node.putArray("items");
        page.items().forEach(s -> items.add(of(s, now)));
        node.put("nextToken", page.nextToken());
        return node;
    }
}
