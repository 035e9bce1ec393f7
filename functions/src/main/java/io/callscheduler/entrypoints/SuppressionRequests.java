package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;

import java.util.Map;

/** What the do-not-call routes read from a request. */
final class SuppressionRequests {
    private SuppressionRequests() {
    }

    /** The {phoneNumber} path parameter as typed (percent-decoded by API Gateway); read by Suppressions.number. */
    static String phoneNumber(APIGatewayProxyRequestEvent event) {
        Map<String, String> path = event.getPathParameters();
        return path == null ? null : path.get("phoneNumber");
    }
}
