package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.callscheduler.config.Services;
import io.callscheduler.domain.CallService;

import java.util.Map;

/** {@code GET /calls/{id}}: one call with its status history. */
public final class GetCallHandler extends ApiHandler {

    public GetCallHandler() {
        this(System.getenv());
    }

    public GetCallHandler(Map<String, String> environment) {
        super(Services.forEnvironment(environment));
    }

    GetCallHandler(CallService calls, String allowedOrigin) {
        super(calls, allowedOrigin);
    }

    @Override
    APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
        return responses.json(200, CallJson.full(calls.get(ApiRequests.callId(event))));
    }
}
