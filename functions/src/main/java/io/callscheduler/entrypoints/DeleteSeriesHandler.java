package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.callscheduler.config.Services;
import io.callscheduler.series.SeriesService;

import java.util.Map;

/** {@code DELETE /series/{id}}: cancels the pending occurrence; the series is kept, DELETED, with its history. */
public final class DeleteSeriesHandler extends SeriesApiHandler {

    public DeleteSeriesHandler() {
        this(System.getenv());
    }

    public DeleteSeriesHandler(Map<String, String> environment) {
        super(Services.forEnvironment(environment));
    }

    DeleteSeriesHandler(SeriesService series, String allowedOrigin) {
        super(series, allowedOrigin);
    }

    @Override
    APIGatewayProxyResponseEvent route(APIGatewayProxyRequestEvent event) {
        var deleted = series.delete(seriesId(event));
        return responses.json(200, SeriesJson.full(deleted, series.nextOccurrences(deleted)));
    }
}
