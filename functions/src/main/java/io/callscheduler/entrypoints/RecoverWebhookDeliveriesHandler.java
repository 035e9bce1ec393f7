package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.callscheduler.config.Services;
import io.callscheduler.events.deliveries.Deliveries;

import java.util.Map;
import java.util.Set;

/** {@code POST /webhook-endpoints/{id}/recover?since=}: every message that ended failed since then, queued again; answers how many. */
public final class RecoverWebhookDeliveriesHandler extends WebhookDeliveriesApiHandler {

    public RecoverWebhookDeliveriesHandler() {
        this(System.getenv());
    }

    public RecoverWebhookDeliveriesHandler(Map<String, String> environment) {
        super(Services.forEnvironment(environment));
    }

    RecoverWebhookDeliveriesHandler(Deliveries deliveries, String allowedOrigin) {
        super(deliveries, allowedOrigin);
    }

    @Override
    APIGatewayProxyResponseEvent route(APIGatewayProxyRequestEvent event) {
        String id = WebhookEndpointRequests.endpointId(event);
        ApiRequests.onlyQueryParameters(event, Set.of("since"));
        String since = ApiRequests.query(event, "since");
        int recovered = deliveries.recover(id, since);
        return responses.json(202, CallJson.MAPPER.createObjectNode().put("endpointId", id).put("since", since)
                .put("recovered", recovered));
    }
}
