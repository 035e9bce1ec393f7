package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.callscheduler.config.Services;
import io.callscheduler.series.SeriesService;

import java.util.Map;

/** {@code GET /series/{id}}: one series with its next occurrences. */
public final class GetSeriesHandler extends SeriesApiHandler {

    public GetSeriesHandler() {
        this(System.getenv());
    }

    public GetSeriesHandler(Map<String, String> environment) {
        super(Services.forEnvironment(environment));
    }

    GetSeriesHandler(SeriesService series, String allowedOrigin) {
        super(series, allowedOrigin);
    }

    @Override
    APIGatewayProxyResponseEvent route(APIGatewayProxyRequestEvent event) {
        var found = series.get(seriesId(event));
        return responses.json(200, SeriesJson.full(found, series.nextOccurrences(found)));
    }
}
