package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callscheduler.domain.CallNotFoundException;
import io.callscheduler.dependencies.DependencyUnavailableException;
import io.callscheduler.domain.IdempotencyKeyReusedException;
import io.callscheduler.domain.IllegalTransitionException;
import io.callscheduler.domain.LimitExceededException;
import io.callscheduler.domain.ValidationException;
import io.callscheduler.store.ConcurrentUpdateException;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Turns a handler's outcome into an API Gateway proxy response: JSON, CORS headers, and every failure as
 * {@code {"error": {"code", "message", "field"}}} with the right status (plus {@code "line"} for a file refused whole,
 * {@code "requestId"} on a 500).
 */
final class ApiResponses {
    private static final System.Logger LOG = System.getLogger(ApiResponses.class.getName());

    private final AllowedOrigins allowedOrigins;

    ApiResponses(String allowedOrigin) {
        this.allowedOrigins = new AllowedOrigins(allowedOrigin);
    }

    /**
     * A whole invocation: its log context (the invocation's keys, plus {@code logKeys}), then {@link #handle} under
     * the invocation's request id (a fresh one where the runtime gives none).
     */
    APIGatewayProxyResponseEvent serve(APIGatewayProxyRequestEvent event, com.amazonaws.services.lambda.runtime.Context context,
                                       Map<String, String> logKeys, Supplier<APIGatewayProxyResponseEvent> action) {
        String requestId = context != null && context.getAwsRequestId() != null && !context.getAwsRequestId().isBlank()
                ? context.getAwsRequestId() : java.util.UUID.randomUUID().toString();
        return AnswerObserver.observed(event,
                io.callscheduler.logging.InvocationLogging.around(context, logKeys, () -> handle(event, requestId, action)));
    }

    /**
     * Runs {@code action}, mapping domain and request exceptions to 4xx (and dependency outages to 503), any
     * other exception to 500 {@code INTERNAL_ERROR} carrying {@code requestId}, and adds the CORS origin for
     * the request's own origin.
     *
     * @param requestId the invocation's id, which the log line of a 500 carries too, to find it by
     */
    APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event, String requestId,
                                        Supplier<APIGatewayProxyResponseEvent> action) {
        APIGatewayProxyResponseEvent response;
        try {
            response = respond(event, action);
        } catch (Exception e) {
            // A bug, not bad input: the caller gets JSON it can show and report instead of API Gateway's bare
            // 502. Errors (out of memory, a class that failed to load) still end the invocation: the container
            // is not to be trusted after them, and Lambda replaces it.
            LOG.log(System.Logger.Level.ERROR, "unexpected failure on " + event.getHttpMethod() + " " + event.getPath()
                    + " (request id " + requestId + ")", e);
            response = internalError(requestId);
        }
        response.getHeaders().put("Access-Control-Allow-Origin",
                allowedOrigins.allowOriginFor(ApiRequests.header(event, "Origin")));
        if (allowedOrigins.variesByOrigin()) {
            response.getHeaders().put("Vary", "Origin");
        }
        return response;
    }

    private APIGatewayProxyResponseEvent respond(APIGatewayProxyRequestEvent event,
                                                 Supplier<APIGatewayProxyResponseEvent> action) {
        try {
            return action.get();
        } catch (ApiException e) {
            return error(e.statusCode, e.code, e.field, e.getMessage());
        } catch (io.callscheduler.csv.CsvFileException e) {
            ObjectNode body = errorBody(e.code(), e.field(), e.getMessage());
            ((ObjectNode) body.get("error")).put("line", e.line()); // where in the uploaded file; null for none
            return json(400, body);
        } catch (LimitExceededException e) {
            return error(429, e.code(), e.field(), e.getMessage());
        } catch (ValidationException e) {
            return error(400, e.code(), e.field(), e.getMessage());
        } catch (IdempotencyKeyReusedException e) {
            return error(422, "IDEMPOTENCY_KEY_REUSED", "Idempotency-Key", e.getMessage());
        } catch (io.callscheduler.domain.campaigns.CampaignNotFoundException e) {
            return error(404, "NOT_FOUND", "id", e.getMessage());
        } catch (io.callscheduler.domain.campaigns.CampaignStateException e) {
            return error(409, "ILLEGAL_TRANSITION", "state", e.getMessage());
        } catch (CallNotFoundException e) {
            return error(404, "NOT_FOUND", "id", e.getMessage());
        } catch (IllegalTransitionException e) {
            return error(409, "ILLEGAL_TRANSITION", "status", e.getMessage());
        } catch (ConcurrentUpdateException e) {
            return error(409, "CONCURRENT_UPDATE", null, "the call changed while this request ran; try again");
        } catch (DependencyUnavailableException e) {
            LOG.log(System.Logger.Level.ERROR, "dependency failure on " + event.getHttpMethod() + " "
                    + event.getPath(), e);
            return error(503, "SERVICE_UNAVAILABLE", null, "a backing service is unavailable; try again shortly");
        }
    }

    APIGatewayProxyResponseEvent json(int statusCode, JsonNode body) {
        return new APIGatewayProxyResponseEvent().withStatusCode(statusCode).withHeaders(headers())
                .withBody(body.toString());
    }

    /** A CSV answer (a contacts upload's rejects with {@code Accept: text/csv}). */
    APIGatewayProxyResponseEvent csv(int statusCode, String body) {
        Map<String, String> headers = headers();
        headers.put("Content-Type", "text/csv; charset=utf-8");
        return new APIGatewayProxyResponseEvent().withStatusCode(statusCode).withHeaders(headers).withBody(body);
    }

    APIGatewayProxyResponseEvent created(JsonNode body, String location) {
        APIGatewayProxyResponseEvent response = json(201, body);
        response.getHeaders().put("Location", location);
        return response;
    }

    /** 200 with a CSV body, a download: {@code headers} add to (or replace) the usual ones, and the page may read them. */
    APIGatewayProxyResponseEvent csv(String body, Map<String, String> headers) {
        Map<String, String> all = headers();
        all.put("Content-Type", "text/csv; charset=utf-8");
        all.put("Access-Control-Expose-Headers", String.join(", ", headers.keySet()));
        all.putAll(headers);
        return new APIGatewayProxyResponseEvent().withStatusCode(200).withHeaders(all).withBody(body);
    }

    APIGatewayProxyResponseEvent error(int statusCode, String code, String field, String message) {
        return json(statusCode, errorBody(code, field, message));
    }

    private APIGatewayProxyResponseEvent internalError(String requestId) {
        ObjectNode body = errorBody("INTERNAL_ERROR", null, "something went wrong on our side and nothing can be assumed "
                + "done; try again, and if it keeps failing, report it with this requestId");
        ((ObjectNode) body.get("error")).put("requestId", requestId);
        return json(500, body);
    }

    private static ObjectNode errorBody(String code, String field, String message) {
        ObjectNode body = CallJson.MAPPER.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("code", code);
        error.put("message", message);
        error.put("field", field);
        return body;
    }

    private Map<String, String> headers() {
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", "application/json; charset=utf-8");
        headers.put("Access-Control-Expose-Headers", "Location");
        headers.put("Cache-Control", "no-store");
        return headers;
    }

    /** The URL path of a new call, including any API Gateway stage prefix of the request. */
    static String locationOf(APIGatewayProxyRequestEvent event, String id) {
        String base = event.getRequestContext() != null && event.getRequestContext().getPath() != null
                ? event.getRequestContext().getPath() : event.getPath();
        if (base == null || base.isEmpty()) {
            base = "/calls";
        }
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/" + id;
    }
}
