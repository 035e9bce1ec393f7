package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callscheduler.config.Services;
import io.callscheduler.domain.CallCounts;
import io.callscheduler.domain.CallService;

import java.util.Map;
import java.util.Set;

/**
 * {@code GET /calls/counts?q=}: how many calls (matching the search {@code q}, as {@code GET /calls} reads it) have
 * each status and are in each view, for the page's tabs and its "showing 50 of 160":
 * {@code {"counts": {"SCHEDULED": 3, ...}, "views": {"now": 1, "upcoming": 3, "history": 9}, "total": 13,
 * "cap": 1000, "atLeast": []}}. Each count reads at most {@code cap} calls, so the request stays cheap however many
 * calls there are; {@code atLeast} names the counts (statuses, views, {@code "total"}) that stopped there and are
 * lower bounds.
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
        ApiRequests.onlyQueryParameters(event, Set.of("q"));
        CallCounts found = calls.count(ApiRequests.query(event, "q"));
        ObjectNode body = CallJson.MAPPER.createObjectNode();
        ArrayNode atLeast = CallJson.MAPPER.createArrayNode();
        ObjectNode counts = body.putObject("counts");
        found.byStatus().forEach((status, count) -> {
            counts.put(status.name(), count.count());
            if (count.atLeast()) {
                atLeast.add(status.name());
            }
        });
        ObjectNode views = body.putObject("views");
        found.byView().forEach((view, count) -> {
            views.put(view.lowerCaseName(), count.count());
            if (count.atLeast()) {
                atLeast.add(view.lowerCaseName());
            }
        });
        body.put("total", found.total().count());
        if (found.total().atLeast()) {
            atLeast.add("total");
        }
        body.put("cap", CallService.COUNT_CAP);
        body.set("atLeast", atLeast);
        return responses.json(200, body);
    }
}
