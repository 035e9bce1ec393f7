package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.callscheduler.config.Services;
import io.callscheduler.domain.CallService;
import io.callscheduler.model.Call;
import io.callscheduler.series.SeriesException;

import java.util.Map;

/** {@code DELETE /calls/{id}}: cancels a pending call (kept as CANCELED); 409 once it is dialing or done. */
public final class CancelCallHandler extends ApiHandler {
    private final java.util.function.Consumer<Call> occurrences;

    public CancelCallHandler() {
        this(System.getenv());
    }

    public CancelCallHandler(Map<String, String> environment) {
        this(Services.forEnvironment(environment));
    }

    private CancelCallHandler(Services services) {
        super(services);
        // Built only when the call is an occurrence's: a call of no series pays nothing for series.
        this.occurrences = call -> services.series().service().recordException(call, SeriesException.Kind.CANCELED);
    }

    CancelCallHandler(CallService calls, String allowedOrigin) {
        this(calls, call -> { }, allowedOrigin);
    }

    /** @param occurrences told of each call changed, so that an occurrence's records an exception of its series */
    CancelCallHandler(CallService calls, java.util.function.Consumer<Call> occurrences, String allowedOrigin) {
        super(calls, allowedOrigin);
        this.occurrences = occurrences;
    }

    @Override
    APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
        Call canceled = calls.cancel(ApiRequests.callId(event));
        if (canceled.seriesId() != null) {
            occurrences.accept(canceled);
        }
        return responses.json(200, CallJson.full(canceled));
    }
}
