package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.callscheduler.config.Services;
import io.callscheduler.domain.CallService;

import io.callscheduler.logging.InvocationLogging;

import java.util.Collections;
import java.util.Objects;

/**
 * Base of the API Gateway (REST, proxy integration) handlers: one subclass per route. Each subclass has
 * three constructors: no arguments (the Lambda runtime; configured from the process environment), an
 * environment map (the local cloud, which runs every function in one JVM), and the domain service itself
 * (tests).
 */
abstract class ApiHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    final CallService calls;
    final ApiResponses responses;

    ApiHandler(Services services) {
        this(services.callService(), services.config().allowedOrigin());
    }

    ApiHandler(CallService calls, String allowedOrigin) {
        this.calls = Objects.requireNonNull(calls, "calls");
        this.responses = new ApiResponses(allowedOrigin);
    }

    /** A route that needs no calls (the do-not-call list's): nothing of the calls' wiring is built for it. */
    ApiHandler(String allowedOrigin) {
        this.calls = null;
        this.responses = new ApiResponses(allowedOrigin);
    }

    @Override
    public final APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        String callId = event.getPathParameters() == null ? null : event.getPathParameters().get("id");
        return responses.serve(event, context, Collections.singletonMap(InvocationLogging.CALL_ID, callId), () -> handle(event));
    }

    /** Parses and validates the request, calls the domain, and maps the result to a response. */
    abstract APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event);
}
