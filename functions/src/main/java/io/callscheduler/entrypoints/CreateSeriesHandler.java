package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.callscheduler.config.Services;
import io.callscheduler.series.SeriesService;

import java.util.Map;

/**
 * {@code POST /series}: a series of calls; 201 with the series (its first occurrence's call created) and its Location.
 * With an Idempotency-Key, a retry answers the series the first request created (Idempotent-Replayed: true).
 */
public final class CreateSeriesHandler extends SeriesApiHandler {

    public CreateSeriesHandler() {
        this(System.getenv());
    }

    public CreateSeriesHandler(Map<String, String> environment) {
        super(Services.forEnvironment(environment));
    }

    CreateSeriesHandler(SeriesService series, String allowedOrigin) {
        super(series, allowedOrigin);
    }

    @Override
    APIGatewayProxyResponseEvent route(APIGatewayProxyRequestEvent event) {
        var created = series.create(request(event, false), ApiRequests.header(event, "Idempotency-Key"));
        APIGatewayProxyResponseEvent response = responses.created(SeriesJson.full(created.series(),
                series.nextOccurrences(created.series())), ApiResponses.locationOf(event, created.series().id()));
        if (created.replayed()) {
            response.getHeaders().put("Idempotent-Replayed", "true");
        }
        return response;
    }
}
