package io.callscheduler.entrypoints;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callscheduler.events.deliveries.DeliveryAttempt;
import io.callscheduler.events.deliveries.DeliveryRecord;
import io.callscheduler.store.Page;

/** A message of the delivery log as the API shows it: its payload as sent, its state and its attempts, oldest first. */
final class WebhookDeliveryJson {
    private WebhookDeliveryJson() {
    }

    static ObjectNode of(DeliveryRecord r) {
        ObjectNode node = CallJson.MAPPER.createObjectNode();
        node.put("id", r.webhookId());
        node.put("endpointId", r.endpointId());
        node.put("eventType", r.eventType());
        node.put("state", r.state().wire());
        node.put("createdAt", r.createdAt().toString());
        node.put("lastAttemptAt", r.lastAttemptAt() == null ? null : r.lastAttemptAt().toString());
        try {
            node.set("payload", CallJson.MAPPER.readTree(r.body()));
        } catch (JsonProcessingException e) {
            node.put("payload", r.body());
        }
        var attempts = node.putArray("attempts");
        for (DeliveryAttempt a : r.attempts()) {
            ObjectNode attempt = attempts.addObject();
            attempt.put("attempt", a.attempt());
            attempt.put("at", a.at().toString());
            attempt.put("status", a.status());
            attempt.put("latencyMs", a.latency().toMillis());
            attempt.put("response", a.response());
            attempt.put("error", a.error());
            attempt.put("outcome", a.outcome());
        }
        return node;
    }

    static ObjectNode page(Page<DeliveryRecord> page) {
        ObjectNode node = CallJson.MAPPER.createObjectNode();
        var items = node.putArray("items");
        page.items().forEach(r -> items.add(of(r)));
        node.put("nextToken", page.nextToken());
        return node;
    }
}
