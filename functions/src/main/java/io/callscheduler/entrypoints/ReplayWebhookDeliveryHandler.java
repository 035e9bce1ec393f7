package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.callscheduler.config.Services;
import io.callscheduler.events.deliveries.Deliveries;
import io.callscheduler.events.delivery.DeliveryMessage;

import java.util.Map;
import java.util.Set;

/** {@code POST /webhook-endpoints/{id}/deliveries/{messageId}/replay}: the stored message queued again, same webhook-id, from attempt 1. */
public final class ReplayWebhookDeliveryHandler extends WebhookDeliveriesApiHandler {

    public ReplayWebhookDeliveryHandler() {
        this(System.getenv());
    }

    public ReplayWebhookDeliveryHandler(Map<String, String> environment) {
        super(Services.forEnvironment(environment));
    }

    ReplayWebhookDeliveryHandler(Deliveries deliveries, String allowedOrigin) {
        super(deliveries, allowedOrigin);
    }

    @Override
    APIGatewayProxyResponseEvent route(APIGatewayProxyRequestEvent event) {
        String id = WebhookEndpointRequests.endpointId(event);
        String messageId = messageId(event);
        ApiRequests.onlyQueryParameters(event, Set.of());
        DeliveryMessage queued = deliveries.replay(id, messageId);
        return responses.json(202, CallJson.MAPPER.createObjectNode().put("id", queued.webhookId())
                .put("endpointId", id).put("eventType", queued.eventType()).put("state", "pending")
                .put("queuedAt", queued.queuedAt().toString()));
    }
}
