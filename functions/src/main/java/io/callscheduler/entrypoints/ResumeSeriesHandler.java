package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.callscheduler.config.Services;
import io.callscheduler.series.SeriesService;

import java.util.Map;

/** {@code POST /series/{id}/resume}: creates the next occurrence after now (missed ones are skipped). Idempotent. */
public final class ResumeSeriesHandler extends SeriesApiHandler {

    public ResumeSeriesHandler() {
        this(System.getenv());
    }

    public ResumeSeriesHandler(Map<String, String> environment) {
        super(Services.forEnvironment(environment));
    }

    ResumeSeriesHandler(SeriesService series, String allowedOrigin) {
        super(series, allowedOrigin);
    }

    @Override
    APIGatewayProxyResponseEvent route(APIGatewayProxyRequestEvent event) {
        var resumed = series.resume(seriesId(event));
        return responses.json(200, SeriesJson.full(resumed, series.nextOccurrences(resumed)));
    }
}
