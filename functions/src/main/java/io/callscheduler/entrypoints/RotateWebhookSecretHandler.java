package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.callscheduler.config.Services;
import io.callscheduler.events.endpoints.WebhookEndpoints;

import java.util.Map;

/** {@code POST /webhook-endpoints/{id}/rotate-secret}: a new signing secret, answered once; the previous one signs too for 24 hours (both signatures are sent), so that the receiver can switch without losing a message. */
public final class RotateWebhookSecretHandler extends WebhookEndpointApiHandler {

    public RotateWebhookSecretHandler() {
        this(System.getenv());
    }

    public RotateWebhookSecretHandler(Map<String, String> environment) {
        super(Services.forEnvironment(environment));
    }

    RotateWebhookSecretHandler(WebhookEndpoints endpoints, String allowedOrigin) {
        super(endpoints, allowedOrigin);
    }

    @Override
    APIGatewayProxyResponseEvent route(APIGatewayProxyRequestEvent event) {
        String id = WebhookEndpointRequests.endpointId(event);
        WebhookEndpoints.Rotated rotated = endpoints.rotateSecret(id);
        return responses.json(200, CallJson.MAPPER.createObjectNode().put("id", id).put("secret", rotated.secret())
                .put("previousSecretExpiresAt", rotated.previousSecretExpiresAt().toString()));
    }
}
