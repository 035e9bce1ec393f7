package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.callscheduler.config.Services;
import io.callscheduler.events.deliveries.Deliveries;
import io.callscheduler.events.delivery.DeliveryMessage;

import java.util.Map;
import java.util.Set;

/** {@code POST /webhook-endpoints/{id}/test}: a {@code webhook.test} event, signed, queued and logged like any other. */
public final class TestWebhookEndpointHandler extends WebhookDeliveriesApiHandler {

    public TestWebhookEndpointHandler() {
        this(System.getenv());
    }

    public TestWebhookEndpointHandler(Map<String, String> environment) {
        super(Services.forEnvironment(environment));
    }

    TestWebhookEndpointHandler(Deliveries deliveries, String allowedOrigin) {
        super(deliveries, allowedOrigin);
    }

    @Override
    APIGatewayProxyResponseEvent route(APIGatewayProxyRequestEvent event) {
        String id = WebhookEndpointRequests.endpointId(event);
        ApiRequests.onlyQueryParameters(event, Set.of());
        DeliveryMessage queued = deliveries.test(id);
        return responses.json(202, CallJson.MAPPER.createObjectNode().put("id", queued.webhookId())
                .put("endpointId", id).put("eventType", queued.eventType()).put("state", "pending")
                .put("queuedAt", queued.queuedAt().toString()));
    }
}
