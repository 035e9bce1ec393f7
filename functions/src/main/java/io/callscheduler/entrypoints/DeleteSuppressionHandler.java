package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.callscheduler.config.Services;
import io.callscheduler.suppressions.Suppressions;

import java.util.Map;

/** {@code DELETE /suppressions/{phoneNumber}}: takes the number off the do-not-call list; 404 when it is not on it. */
public final class DeleteSuppressionHandler extends ApiHandler {
    private final Suppressions suppressions;

    public DeleteSuppressionHandler() {
        this(System.getenv());
    }

    public DeleteSuppressionHandler(Map<String, String> environment) {
        this(Services.forEnvironment(environment).suppressions(), Services.forEnvironment(environment).config().allowedOrigin());
    }

    DeleteSuppressionHandler(Suppressions suppressions, String allowedOrigin) {
        super(allowedOrigin);
        this.suppressions = suppressions;
    }

    @Override
    APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
        String number = Suppressions.number(SuppressionRequests.phoneNumber(event));
        if (!suppressions.remove(number)) {
            throw new ApiException(404, "NOT_FOUND", "phoneNumber", number + " is not on the do-not-call list");
        }
        return responses.json(200, CallJson.MAPPER.createObjectNode().put("phoneNumber", number).put("removed", true));
    }
}
