package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.callscheduler.config.Services;
import io.callscheduler.domain.CallService;
import io.callscheduler.domain.NewCallRequest;
import io.callscheduler.logging.InvocationLogging;
import io.callscheduler.model.Call;

import java.util.Map;
import java.util.Set;

/**
 * {@code POST /calls}: schedules a call (or dials now); 201 with the call and its Location. With an
 * {@code Idempotency-Key} header a retry answers with the same call and {@code Idempotent-Replayed: true}.
 */
public final class CreateCallHandler extends ApiHandler {
    static final Set<String> FIELDS = Set.of("phoneNumber", "scheduledAt", "timeZone", "contactName", "notes",
            "callerId", "message", "voice", "language", "twimlUrl", "calleeTimeZone", "redial.*");

    public CreateCallHandler() {
        this(System.getenv());
    }

    public CreateCallHandler(Map<String, String> environment) {
        super(Services.forEnvironment(environment));
    }

    CreateCallHandler(CallService calls, String allowedOrigin) {
        super(calls, allowedOrigin);
    }

    @Override
    APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
        Map<String, String> body = ApiRequests.stringFields(event, FIELDS);
        CallService.Created created = calls.create(new NewCallRequest(body.get("phoneNumber"), body.get("scheduledAt"),
                body.get("timeZone"), body.get("contactName"), body.get("notes"), body.get("callerId"),
                body.get("message"), body.get("voice"), body.get("language"), body.get("twimlUrl"),
                body.get("calleeTimeZone"), Redials.fromFields(body)), ApiRequests.header(event, "Idempotency-Key"));
        Call call = created.call();
        InvocationLogging.aboutCall(call.id());
        APIGatewayProxyResponseEvent response = responses.created(CallJson.full(call), ApiResponses.locationOf(event, call.id()));
        if (created.replayed()) {
            response.getHeaders().put("Idempotent-Replayed", "true");
        }
        return response;
    }
}
