package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.callscheduler.config.Services;
import io.callscheduler.series.SeriesService;

import java.util.Map;

/** {@code POST /series/{id}/pause}: creates nothing more; its pending occurrence is canceled unless dialing. Idempotent. */
public final class PauseSeriesHandler extends SeriesApiHandler {

    public PauseSeriesHandler() {
        this(System.getenv());
    }

    public PauseSeriesHandler(Map<String, String> environment) {
        super(Services.forEnvironment(environment));
    }

    PauseSeriesHandler(SeriesService series, String allowedOrigin) {
        super(series, allowedOrigin);
    }

    @Override
    APIGatewayProxyResponseEvent route(APIGatewayProxyRequestEvent event) {
        var paused = series.pause(seriesId(event));
        return responses.json(200, SeriesJson.full(paused, series.nextOccurrences(paused)));
    }
}
