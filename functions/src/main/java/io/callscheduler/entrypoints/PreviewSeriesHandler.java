package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.callscheduler.config.Services;
import io.callscheduler.series.SeriesService;

import java.util.Map;

/** {@code POST /series/preview}: the next occurrences a create would make, checked as a create is; nothing written. */
public final class PreviewSeriesHandler extends SeriesApiHandler {

    public PreviewSeriesHandler() {
        this(System.getenv());
    }

    public PreviewSeriesHandler(Map<String, String> environment) {
        super(Services.forEnvironment(environment));
    }

    PreviewSeriesHandler(SeriesService series, String allowedOrigin) {
        super(series, allowedOrigin);
    }

    @Override
    APIGatewayProxyResponseEvent route(APIGatewayProxyRequestEvent event) {
        var node = CallJson.MAPPER.createObjectNode();
        node.set("nextOccurrences", SeriesJson.occurrences(series.preview(request(event, false))));
        return responses.json(200, node);
    }
}
