package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.callscheduler.config.AppConfig;
import io.callscheduler.openapi.OpenApiDocument;

import java.util.Map;

/**
 * GET /openapi.json, without an API key: the API's OpenAPI description, for clients, mocks and contract tests. Reads
 * nothing but the document bundled in the jar.
 */
public final class OpenApiHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private final ApiResponses responses;

    public OpenApiHandler() {
        this(System.getenv());
    }

    public OpenApiHandler(Map<String, String> environment) {
        this.responses = new ApiResponses(new AppConfig(environment).allowedOrigin());
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return responses.serve(event, context, Map.of(), () -> {
            ApiRequests.onlyQueryParameters(event, java.util.Set.of());
            // The usual JSON answer's headers, with the text converted once per container as the body.
            APIGatewayProxyResponseEvent response = responses.json(200, CallJson.MAPPER.createObjectNode())
                    .withBody(OpenApiDocument.json());
            // The same for every caller until the next deployment: a client may keep it a few minutes.
            response.getHeaders().put("Cache-Control", "public, max-age=300");
            return response;
        });
    }
}
