package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.callscheduler.config.Services;
import io.callscheduler.events.endpoints.WebhookEndpoints;

import java.util.Map;

/** {@code DELETE /webhook-endpoints/{id}}: the endpoint and its secret; 404 when unknown. */
public final class DeleteWebhookEndpointHandler extends WebhookEndpointApiHandler {

    public DeleteWebhookEndpointHandler() {
        this(System.getenv());
    }

    public DeleteWebhookEndpointHandler(Map<String, String> environment) {
        super(Services.forEnvironment(environment));
    }

    DeleteWebhookEndpointHandler(WebhookEndpoints endpoints, String allowedOrigin) {
        super(endpoints, allowedOrigin);
    }

    @Override
    APIGatewayProxyResponseEvent route(APIGatewayProxyRequestEvent event) {
        String id = WebhookEndpointRequests.endpointId(event);
        endpoints.delete(id);
        return responses.json(200, CallJson.MAPPER.createObjectNode().put("id", id).put("deleted", true));
    }
}
