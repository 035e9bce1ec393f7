package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.callscheduler.config.Services;
import io.callscheduler.domain.CallService;

import java.util.Map;
import java.util.Set;

/**
 * {@code GET /calls?view=&status=&q=&limit=&nextToken=}: one page of calls. {@code view} is one of the page's views
 * ({@code now}, {@code upcoming}, {@code history}: see {@link io.callscheduler.store.CallView}); without it, all calls,
 * with {@code status=SCHEDULED} the soonest first, otherwise the most recently scheduled first. {@code status} takes
 * one status or several, comma-separated; {@code q} searches contact names (ignoring case and accents) and numbers.
 */
public final class ListCallsHandler extends ApiHandler {
    private static final Set<String> PARAMETERS = Set.of("view", "status", "q", "limit", "nextToken");

    public ListCallsHandler() {
        this(System.getenv());
    }

    public ListCallsHandler(Map<String, String> environment) {
        super(Services.forEnvironment(environment));
    }

    ListCallsHandler(CallService calls, String allowedOrigin) {
        super(calls, allowedOrigin);
    }

    @Override
    APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
        ApiRequests.onlyQueryParameters(event, PARAMETERS);
        return responses.json(200, CallJson.page(calls.list(ApiRequests.query(event, "view"),
                ApiRequests.query(event, "status"),
                ApiRequests.query(event, "q"), ApiRequests.query(event, "limit"), ApiRequests.query(event, "nextToken"))));
    }
}
