package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.callscheduler.config.Services;
import io.callscheduler.domain.CallService;

import java.util.Map;
import java.util.Set;

/**
 * {@code PATCH /calls/{id}} with {@code {"scheduledAt", "timeZone"?}}: moves a pending call; its schedule
 * moves with it. A local date-time without offset is read in {@code timeZone}, else in the call's zone.
 */
public final class RescheduleCallHandler extends ApiHandler {
    static final Set<String> FIELDS = Set.of("scheduledAt", "timeZone");

    public RescheduleCallHandler() {
        this(System.getenv());
    }

    public RescheduleCallHandler(Map<String, String> environment) {
        super(Services.forEnvironment(environment));
    }

    RescheduleCallHandler(CallService calls, String allowedOrigin) {
        super(calls, allowedOrigin);
    }

    @Override
    APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
        String id = ApiRequests.callId(event);
        Map<String, String> body = ApiRequests.stringFields(event, FIELDS);
        return responses.json(200, CallJson.full(calls.reschedule(id, body.get("scheduledAt"), body.get("timeZone"))));
    }
}
