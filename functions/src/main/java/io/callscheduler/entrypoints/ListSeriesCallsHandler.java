package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.callscheduler.config.Services;
import io.callscheduler.series.SeriesService;

import java.util.Map;

/** {@code GET /series/{id}/calls}: the calls of its occurrences, newest first, a page at a time. */
public final class ListSeriesCallsHandler extends SeriesApiHandler {

    public ListSeriesCallsHandler() {
        this(System.getenv());
    }

    public ListSeriesCallsHandler(Map<String, String> environment) {
        super(Services.forEnvironment(environment));
    }

    ListSeriesCallsHandler(SeriesService series, String allowedOrigin) {
        super(series, allowedOrigin);
    }

    @Override
    APIGatewayProxyResponseEvent route(APIGatewayProxyRequestEvent event) {
        String id = seriesId(event);
        ApiRequests.onlyQueryParameters(event, java.util.Set.of("limit", "nextToken"));
        return responses.json(200, CallJson.page(series.calls(id, ApiRequests.query(event, "limit"),
                ApiRequests.query(event, "nextToken"))));
    }
}
