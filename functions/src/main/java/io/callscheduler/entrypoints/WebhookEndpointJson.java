package io.callscheduler.entrypoints;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callscheduler.events.endpoints.WebhookEndpoint;
import io.callscheduler.store.Page;

/** The API's JSON view of webhook endpoints: never their secret, which only a create or a rotation answers. */
final class WebhookEndpointJson {
    private WebhookEndpointJson() {
    }

    static ObjectNode of(WebhookEndpoint e) {
        ObjectNode node = CallJson.MAPPER.createObjectNode();
        node.put("id", e.id());
        node.put("url", e.url());
        e.events().forEach(node.putArray("events")::add);
        node.put("description", e.description());
        node.put("disabled", e.disabled());
        node.put("createdAt", e.createdAt().toString());
        node.put("updatedAt", e.updatedAt().toString());
        return node;
    }

    static ObjectNode page(Page<WebhookEndpoint> page) {
        ObjectNode node = CallJson.MAPPER.createObjectNode();
        var items = node.putArray("items");
        page.items().forEach(e -> items.add(of(e)));
        node.put("nextToken", page.nextToken());
        return node;
    }
}
