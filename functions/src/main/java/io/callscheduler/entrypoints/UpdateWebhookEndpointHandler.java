package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.callscheduler.config.Services;
import io.callscheduler.events.endpoints.WebhookEndpoints;

import java.util.Map;

/** {@code PATCH /webhook-endpoints/{id}} with any of {@code url}, {@code events}, {@code description}, {@code disabled}: changes those given; a new URL is checked as at creation. */
public final class UpdateWebhookEndpointHandler extends WebhookEndpointApiHandler {

    public UpdateWebhookEndpointHandler() {
        this(System.getenv());
    }

    public UpdateWebhookEndpointHandler(Map<String, String> environment) {
        super(Services.forEnvironment(environment));
    }

    UpdateWebhookEndpointHandler(WebhookEndpoints endpoints, String allowedOrigin) {
        super(endpoints, allowedOrigin);
    }

    @Override
    APIGatewayProxyResponseEvent route(APIGatewayProxyRequestEvent event) {
        String id = WebhookEndpointRequests.endpointId(event);
        return responses.json(200, WebhookEndpointJson.of(endpoints.edit(id, WebhookEndpointRequests.edit(event))));
    }
}
