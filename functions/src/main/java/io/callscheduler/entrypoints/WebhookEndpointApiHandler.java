package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.callscheduler.config.Services;
import io.callscheduler.events.endpoints.EndpointChangedException;
import io.callscheduler.events.endpoints.EndpointNotFoundException;
import io.callscheduler.events.endpoints.WebhookEndpoints;

import java.util.Objects;

/**
 * Base of the webhook-endpoint routes' handlers (one subclass per route): an unknown endpoint is a 404 naming
 * {@code id}, a write that met another a 409 {@code CONCURRENT_UPDATE}. The signing secret appears only in the
 * answers of a create and a rotation.
 */
abstract class WebhookEndpointApiHandler extends ApiHandler {
    final WebhookEndpoints endpoints;

    WebhookEndpointApiHandler(Services services) {
        this(services.webhooks().endpoints(), services.config().allowedOrigin());
    }

    WebhookEndpointApiHandler(WebhookEndpoints endpoints, String allowedOrigin) {
        super(allowedOrigin);
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
    }

    @Override
    final APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
        try {
            return route(event);
        } catch (EndpointNotFoundException e) {
            throw new ApiException(404, "NOT_FOUND", "id", e.getMessage());
        } catch (EndpointChangedException e) {
            throw new ApiException(409, "CONCURRENT_UPDATE", null, e.getMessage());
        }
    }

    abstract APIGatewayProxyResponseEvent route(APIGatewayProxyRequestEvent event);
}
