package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.callscheduler.config.Services;
import io.callscheduler.domain.CallService;

import java.util.Map;

/** {@code DELETE /calls/{id}}: cancels a pending call (kept as CANCELED); 409 once it is dialing or done. */
public final class CancelCallHandler extends ApiHandler {

    public CancelCallHandler() {
        this(System.getenv());
    }

    public CancelCallHandler(Map<String, String> environment) {
        super(Services.forEnvironment(environment));
    }

    CancelCallHandler(CallService calls, String allowedOrigin) {
        super(calls, allowedOrigin);
    }

    @Override
    APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
        return responses.json(200, CallJson.full(calls.cancel(ApiRequests.callId(event))));
    }
}
