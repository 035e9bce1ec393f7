package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.callscheduler.config.Services;
import io.callscheduler.suppressions.Suppressions;

import java.time.Clock;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /suppressions?q=&limit=&nextToken=}: one page of the do-not-call list in number order; {@code q} finds
 * numbers by their digits (however typed) and entries by their reason (ignoring case and accents).
 */
public final class ListSuppressionsHandler extends ApiHandler {
    private static final Set<String> PARAMETERS = Set.of("q", "limit", "nextToken");
    private final Suppressions suppressions;
    private final Clock clock;

    public ListSuppressionsHandler() {
        this(System.getenv());
    }

    public ListSuppressionsHandler(Map<String, String> environment) {
        this(Services.forEnvironment(environment).suppressions(), Clock.systemUTC(),
                Services.forEnvironment(environment).config().allowedOrigin());
    }

    ListSuppressionsHandler(Suppressions suppressions, Clock clock, String allowedOrigin) {
        super(allowedOrigin);
        this.suppressions = suppressions;
        this.clock = clock;
    }

    @Override
    APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
        ApiRequests.onlyQueryParameters(event, PARAMETERS);
        return responses.json(200, SuppressionJson.page(suppressions.search(ApiRequests.query(event, "q"),
                ApiRequests.query(event, "limit"), ApiRequests.query(event, "nextToken")), clock.instant()));
    }
}
