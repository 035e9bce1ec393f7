package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callscheduler.config.Services;
import io.callscheduler.domain.CallService;
import io.callscheduler.domain.CallingHours;

import java.util.Map;
import java.util.Set;

/**
 * {@code GET /calling-hours?phoneNumber=...&scheduledAt=...[&timeZone=...][&calleeTimeZone=...]}: whether a call
 * to that number at that time would be inside the deployment's calling hours, in the zones a create would check
 * (the callee's, inferred from the number), and the next allowed moment when not:
 * {@code {"window": "08:00-21:00 Mon,...", "anyTime": false, "zones": ["America/New_York"], "scheduledAt": "...",
 * "allowed": false, "nextAllowedAt": "...", "reason": "..."}}, where {@code reason} is the refusal a create would
 * answer. When the number's zones never share an open moment, {@code nextAllowedAt} is null and {@code reason}
 * says so: still a 200, as the question was answered. Nothing is written.
 */
public final class CallingHoursHandler extends ApiHandler {
    private static final Set<String> PARAMETERS = Set.of("phoneNumber", "scheduledAt", "timeZone", "calleeTimeZone");

    public CallingHoursHandler() {
        this(System.getenv());
    }

    public CallingHoursHandler(Map<String, String> environment) {
        super(Services.forEnvironment(environment));
    }

    CallingHoursHandler(CallService calls, String allowedOrigin) {
        super(calls, allowedOrigin);
    }

    @Override
    APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
        ApiRequests.onlyQueryParameters(event, PARAMETERS);
        CallingHours.Verdict verdict = calls.callingHoursFor(ApiRequests.query(event, "phoneNumber"),
                ApiRequests.query(event, "calleeTimeZone"), ApiRequests.query(event, "timeZone"),
                ApiRequests.query(event, "scheduledAt"));
        ObjectNode body = CallJson.MAPPER.createObjectNode();
        body.put("window", verdict.window());
        body.put("anyTime", verdict.anyTime());
        verdict.zones().forEach(body.putArray("zones")::add);
        body.put("scheduledAt", verdict.at().toString());
        body.put("allowed", verdict.allowed());
        body.put("nextAllowedAt", verdict.nextAllowedAt() == null ? null : verdict.nextAllowedAt().toString());
        body.put("reason", verdict.reason());
        return responses.json(200, body);
    }
}
