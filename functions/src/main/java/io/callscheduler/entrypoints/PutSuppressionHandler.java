package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.callscheduler.config.Services;
import io.callscheduler.suppressions.Suppression;
import io.callscheduler.suppressions.Suppressions;

import java.time.Clock;
import java.util.Map;
import java.util.Set;

/**
 * {@code PUT /suppressions/{phoneNumber}} with {@code reason}, optional {@code source} and {@code expiresAt}: puts
 * the number on the do-not-call list, or updates its entry (a PUT again changes the entry, never adds a second).
 * The number is read as a create reads it, with spaces and punctuation, and stored E.164.
 */
public final class PutSuppressionHandler extends ApiHandler {
    private static final Set<String> FIELDS = Set.of("reason", "source", "expiresAt");
    private final Suppressions suppressions;
    private final Clock clock;

    public PutSuppressionHandler() {
        this(System.getenv());
    }

    public PutSuppressionHandler(Map<String, String> environment) {
        this(Services.forEnvironment(environment).suppressions(), Clock.systemUTC(),
                Services.forEnvironment(environment).config().allowedOrigin());
    }

    PutSuppressionHandler(Suppressions suppressions, Clock clock, String allowedOrigin) {
        super(allowedOrigin);
        this.suppressions = suppressions;
        this.clock = clock;
    }

    @Override
    APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
        Map<String, String> body = ApiRequests.stringFields(event, FIELDS);
        Suppression stored = suppressions.put(SuppressionRequests.phoneNumber(event), body.get("reason"),
                body.get("source"), body.get("expiresAt"));
        return responses.json(200, SuppressionJson.of(stored, clock.instant()));
    }
}
