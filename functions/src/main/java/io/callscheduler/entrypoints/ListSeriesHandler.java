package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.callscheduler.config.Services;
import io.callscheduler.series.SeriesService;

import java.util.Map;

/** {@code GET /series}: every series, newest first, a page at a time ({@code limit}, {@code nextToken}). */
public final class ListSeriesHandler extends SeriesApiHandler {

    public ListSeriesHandler() {
        this(System.getenv());
    }

    public ListSeriesHandler(Map<String, String> environment) {
        super(Services.forEnvironment(environment));
    }

    ListSeriesHandler(SeriesService series, String allowedOrigin) {
        super(series, allowedOrigin);
    }

    @Override
    APIGatewayProxyResponseEvent route(APIGatewayProxyRequestEvent event) {
        ApiRequests.onlyQueryParameters(event, java.util.Set.of("limit", "nextToken"));
        return responses.json(200, SeriesJson.page(series.list(ApiRequests.query(event, "limit"),
                ApiRequests.query(event, "nextToken")), series::nextOccurrences));
    }
}
