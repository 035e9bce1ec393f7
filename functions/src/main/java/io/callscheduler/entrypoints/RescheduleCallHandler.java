package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.callscheduler.config.Services;
import io.callscheduler.domain.CallService;
import io.callscheduler.model.Call;
import io.callscheduler.series.SeriesException;

import java.util.Map;
import java.util.Set;

/**
 * {@code PATCH /calls/{id}} with {@code {"scheduledAt", "timeZone"?}}: moves a pending call; its schedule
 * moves with it. A local date-time without offset is read in {@code timeZone}, else in the call's zone.
 */
public final class RescheduleCallHandler extends ApiHandler {
    private final java.util.function.Consumer<Call> occurrences;
    static final Set<String> FIELDS = Set.of("scheduledAt", "timeZone");

    public RescheduleCallHandler() {
        this(System.getenv());
    }

    public RescheduleCallHandler(Map<String, String> environment) {
        this(Services.forEnvironment(environment));
    }

    private RescheduleCallHandler(Services services) {
        super(services);
        // Built only when the call is an occurrence's: a call of no series pays nothing for series.
        this.occurrences = call -> services.series().service().recordException(call, SeriesException.Kind.MOVED);
    }

    RescheduleCallHandler(CallService calls, String allowedOrigin) {
        this(calls, call -> { }, allowedOrigin);
    }

    /** @param occurrences told of each call changed, so that an occurrence's records an exception of its series */
    RescheduleCallHandler(CallService calls, java.util.function.Consumer<Call> occurrences, String allowedOrigin) {
        super(calls, allowedOrigin);
        this.occurrences = occurrences;
    }

    @Override
    APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
        String id = ApiRequests.callId(event);
        Map<String, String> body = ApiRequests.stringFields(event, FIELDS);
        Call moved = calls.reschedule(id, body.get("scheduledAt"), body.get("timeZone"));
        if (moved.seriesId() != null) {
            occurrences.accept(moved);
        }
        return responses.json(200, CallJson.full(moved));
    }
}
