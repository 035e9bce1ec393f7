package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callscheduler.config.Services;
import io.callscheduler.domain.CallService;

import java.util.Map;
import java.util.Set;

/**
 * {@code GET /calls/counts}: how many calls have each status, for the page's filter tabs:
 * {@code {"counts": {"SCHEDULED": 3, ...}, "cap": 1000}}. A count equal to {@code cap} means at least
 * that many; counting stops there so the request stays cheap however many calls there are.
 */
public final class CountCallsHandler extends ApiHandler {
    public CountCallsHandler() {
        this(System.getenv());
    }

    public CountCallsHandler(Map<String, String> environment) {
        super(Services.forEnvironment(environment));
    }

    CountCallsHandler(CallService calls, String allowedOrigin) {
        super(calls, allowedOrigin);
    }

    @Override
    APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
        ApiRequests.onlyQueryParameters(event, Set.of());
        ObjectNode body = CallJson.MAPPER.createObjectNode();
        ObjectNode counts = body.putObject("counts");
        calls.countByStatus().forEach((status, count) -> counts.put(status.name(), count));
        body.put("cap", CallService.COUNT_CAP);
        return responses.json(200, body);
    }
}
