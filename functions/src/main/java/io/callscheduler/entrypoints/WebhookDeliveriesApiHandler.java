package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.callscheduler.config.Services;
import io.callscheduler.events.deliveries.Deliveries;
import io.callscheduler.events.deliveries.DeliveryNotFoundException;
import io.callscheduler.events.deliveries.EndpointDisabledException;
import io.callscheduler.events.endpoints.EndpointNotFoundException;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Base of the delivery-log routes' handlers (one subclass per route): an unknown endpoint is a 404 naming {@code id},
 * an unknown message one naming {@code messageId}, a send asked of a disabled endpoint a 409 {@code ENDPOINT_DISABLED}.
 */
abstract class WebhookDeliveriesApiHandler extends ApiHandler {
    private static final Pattern MESSAGE_ID = Pattern.compile("msg_[0-9A-Za-z_-]{1,100}");
    final Deliveries deliveries;

    WebhookDeliveriesApiHandler(Services services) {
        this(services.webhooks().deliveries(), services.config().allowedOrigin());
    }

    WebhookDeliveriesApiHandler(Deliveries deliveries, String allowedOrigin) {
        super(allowedOrigin);
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
    }

    @Override
    final APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
        try {
            return route(event);
        } catch (EndpointNotFoundException e) {
            throw new ApiException(404, "NOT_FOUND", "id", e.getMessage());
        } catch (DeliveryNotFoundException e) {
            throw new ApiException(404, "NOT_FOUND", "messageId", e.getMessage());
        } catch (EndpointDisabledException e) {
            throw new ApiException(409, "ENDPOINT_DISABLED", "id", e.getMessage());
        }
    }

    abstract APIGatewayProxyResponseEvent route(APIGatewayProxyRequestEvent event);

    /** The {messageId} path parameter (a webhook-id); one that cannot exist is a 404 like any unknown one. */
    static String messageId(APIGatewayProxyRequestEvent event) {
        Map<String, String> path = event.getPathParameters();
        String id = path == null ? null : path.get("messageId");
        if (id == null || !MESSAGE_ID.matcher(id).matches()) {
            throw new ApiException(404, "NOT_FOUND", "messageId", "no delivery '" + ApiRequests.abbreviate(id) + "' for this endpoint");
        }
        return id;
    }
}
