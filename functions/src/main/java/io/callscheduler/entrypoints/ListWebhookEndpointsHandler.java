package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.callscheduler.config.Services;
import io.callscheduler.events.endpoints.WebhookEndpoints;

import java.util.Map;

/** {@code GET /webhook-endpoints?limit=&nextToken=}: one page of the endpoints in creation order, without secrets. */
public final class ListWebhookEndpointsHandler extends WebhookEndpointApiHandler {

    public ListWebhookEndpointsHandler() {
        this(System.getenv());
    }

    public ListWebhookEndpointsHandler(Map<String, String> environment) {
        super(Services.forEnvironment(environment));
    }

    ListWebhookEndpointsHandler(WebhookEndpoints endpoints, String allowedOrigin) {
        super(endpoints, allowedOrigin);
    }

    @Override
    APIGatewayProxyResponseEvent route(APIGatewayProxyRequestEvent event) {
        ApiRequests.onlyQueryParameters(event, java.util.Set.of("limit", "nextToken"));
        return responses.json(200, WebhookEndpointJson.page(endpoints.list(ApiRequests.query(event, "limit"),
                ApiRequests.query(event, "nextToken"))));
    }
}
