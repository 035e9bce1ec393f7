package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.callscheduler.config.Services;
import io.callscheduler.events.endpoints.WebhookEndpoints;

import java.util.Map;

/** {@code GET /webhook-endpoints/{id}}: one endpoint, never its secret; 404 when unknown. */
public final class GetWebhookEndpointHandler extends WebhookEndpointApiHandler {

    public GetWebhookEndpointHandler() {
        this(System.getenv());
    }

    public GetWebhookEndpointHandler(Map<String, String> environment) {
        super(Services.forEnvironment(environment));
    }

    GetWebhookEndpointHandler(WebhookEndpoints endpoints, String allowedOrigin) {
        super(endpoints, allowedOrigin);
    }

    @Override
    APIGatewayProxyResponseEvent route(APIGatewayProxyRequestEvent event) {
        return responses.json(200, WebhookEndpointJson.of(endpoints.get(WebhookEndpointRequests.endpointId(event))));
    }
}
