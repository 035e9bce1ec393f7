package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.callscheduler.config.Services;
import io.callscheduler.series.SeriesService;

import java.util.Map;

/** {@code PATCH /series/{id}}: changes the occurrences to come; with {@code from}, splits the series there and answers the new one. */
public final class UpdateSeriesHandler extends SeriesApiHandler {

    public UpdateSeriesHandler() {
        this(System.getenv());
    }

    public UpdateSeriesHandler(Map<String, String> environment) {
        super(Services.forEnvironment(environment));
    }

    UpdateSeriesHandler(SeriesService series, String allowedOrigin) {
        super(series, allowedOrigin);
    }

    @Override
    APIGatewayProxyResponseEvent route(APIGatewayProxyRequestEvent event) {
        String id = seriesId(event);
        var changed = series.update(id, request(event, true));
        return responses.json(200, SeriesJson.full(changed, series.nextOccurrences(changed)));
    }
}
