package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.callscheduler.config.Services;
import io.callscheduler.events.deliveries.Deliveries;

import java.util.Map;
import java.util.Set;

/**
 * {@code POST /webhook-endpoints/{id}/recover?since=&nextToken=}: the messages that ended failed, or were skipped while
 * the endpoint was disabled, since then, queued again from one bounded page of the log; answers how many and, while
 * more remain, {@code "more": true} with the token to call again with.
 */
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
        ApiRequests.onlyQueryParameters(event, Set.of("since", "nextToken"));
        String since = ApiRequests.query(event, "since");
        Deliveries.Recovered recovered = deliveries.recover(id, since, ApiRequests.query(event, "nextToken"));
        var answer = CallJson.MAPPER.createObjectNode().put("endpointId", id).put("since", since)
                .put("recovered", recovered.queued()).put("more", recovered.more());
        if (recovered.more()) {
            answer.put("nextToken", recovered.nextToken());
        }
        return responses.json(202, answer);
    }
}
