package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.callscheduler.config.Services;
import io.callscheduler.events.endpoints.WebhookEndpoints;

import java.util.Map;

/** {@code POST /webhook-endpoints}: registers an endpoint; 201 with it and its signing secret, which is never shown again. */
public final class CreateWebhookEndpointHandler extends WebhookEndpointApiHandler {

    public CreateWebhookEndpointHandler() {
        this(System.getenv());
    }

    public CreateWebhookEndpointHandler(Map<String, String> environment) {
        super(Services.forEnvironment(environment));
    }

    CreateWebhookEndpointHandler(WebhookEndpoints endpoints, String allowedOrigin) {
        super(endpoints, allowedOrigin);
    }

    @Override
    APIGatewayProxyResponseEvent route(APIGatewayProxyRequestEvent event) {
        ApiRequests.onlyQueryParameters(event, java.util.Set.of());
        WebhookEndpoints.Edit request = WebhookEndpointRequests.create(event);
        WebhookEndpoints.Created created = endpoints.create(request.url(), request.events(), request.description());
        var body = WebhookEndpointJson.of(created.endpoint()).put("secret", created.secret());
        return responses.created(body, ApiResponses.locationOf(event, created.endpoint().id()));
    }
}
