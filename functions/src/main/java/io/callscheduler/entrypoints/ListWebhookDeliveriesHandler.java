package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.callscheduler.config.Services;
import io.callscheduler.events.deliveries.Deliveries;

import java.util.Map;
import java.util.Set;

/** {@code GET /webhook-endpoints/{id}/deliveries?limit=&nextToken=&state=}: the endpoint's messages, newest first, each with its attempts. */
public final class ListWebhookDeliveriesHandler extends WebhookDeliveriesApiHandler {

    public ListWebhookDeliveriesHandler() {
        this(System.getenv());
    }

    public ListWebhookDeliveriesHandler(Map<String, String> environment) {
        super(Services.forEnvironment(environment));
    }

    ListWebhookDeliveriesHandler(Deliveries deliveries, String allowedOrigin) {
        super(deliveries, allowedOrigin);
    }

    @Override
    APIGatewayProxyResponseEvent route(APIGatewayProxyRequestEvent event) {
        String id = WebhookEndpointRequests.endpointId(event);
        ApiRequests.onlyQueryParameters(event, Set.of("limit", "nextToken", "state"));
        return responses.json(200, WebhookDeliveryJson.page(deliveries.list(id, ApiRequests.query(event, "limit"),
                ApiRequests.query(event, "nextToken"), ApiRequests.query(event, "state"))));
    }
}
