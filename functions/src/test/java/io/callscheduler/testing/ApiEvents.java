package io.callscheduler.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * API Gateway REST proxy events built from a real event (resources/events), deserialised by the same
 * serializer the Lambda Java runtime uses.
 */
public final class ApiEvents {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PojoSerializer<APIGatewayProxyRequestEvent> SERIALIZER =
            LambdaEventSerializers.serializerFor(APIGatewayProxyRequestEvent.class, ApiEvents.class.getClassLoader());
    private static final ObjectNode TEMPLATE = load();

    private ApiEvents() {
    }

    /**
     * @param resource the route template, e.g. {@code /calls/{id}}
     * @param path     the concrete path, e.g. {@code /calls/123}
     * @param body     the raw body, or null
     * @param pathParameters may be null
     * @param query    may be null
     */
    public static APIGatewayProxyRequestEvent event(String method, String resource, String path, String body,
                                                    Map<String, String> pathParameters, Map<String, String> query) {
        ObjectNode event = TEMPLATE.deepCopy();
        event.put("httpMethod", method);
        event.put("resource", resource);
        event.put("path", path);
        event.put("body", body);
        event.set("pathParameters", pathParameters == null ? null : JSON.valueToTree(pathParameters));
        event.set("queryStringParameters", query == null ? null : JSON.valueToTree(query));
        ObjectNode context = (ObjectNode) event.get("requestContext");
        context.put("httpMethod", method);
        context.put("resourcePath", resource);
        context.put("path", "/Prod" + path);
        try {
            return SERIALIZER.fromJson(JSON.writeValueAsString(event));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A Twilio webhook's POST to {@code path?callId=...}: the form URL-encoded as Twilio sends it, with its
     * {@code X-Twilio-Signature} (null: none).
     */
    public static APIGatewayProxyRequestEvent twilioForm(String path, String callId, Map<String, String> form, String signature) {
        StringBuilder body = new StringBuilder();
        form.forEach((name, value) -> body.append(body.isEmpty() ? "" : "&")
                .append(java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8))
                .append('=').append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8)));
        APIGatewayProxyRequestEvent event = event("POST", path, path, body.toString(), null, Map.of("callId", callId));
        Map<String, String> headers = new java.util.HashMap<>(event.getHeaders());
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        if (signature != null) {
            headers.put("X-Twilio-Signature", signature);
        }
        return event.withHeaders(headers);
    }

    public static APIGatewayProxyRequestEvent post(String body) {
        return event("POST", "/calls", "/calls", body, null, null);
    }

    /** A POST /calls carrying an Idempotency-Key header. */
    public static APIGatewayProxyRequestEvent post(String body, String idempotencyKey) {
        APIGatewayProxyRequestEvent event = post(body);
        Map<String, String> headers = new java.util.HashMap<>(event.getHeaders() == null ? Map.of() : event.getHeaders());
        headers.put("Idempotency-Key", idempotencyKey);
        return event.withHeaders(headers);
    }

    public static APIGatewayProxyRequestEvent list(Map<String, String> query) {
        return event("GET", "/calls", "/calls", null, null, query);
    }

    public static APIGatewayProxyRequestEvent onCall(String method, String id, String body) {
        return event(method, "/calls/{id}", "/calls/" + id, body, Map.of("id", id), null);
    }

    private static ObjectNode load() {
        try (InputStream in = ApiEvents.class.getResourceAsStream("/events/api-gateway-proxy-request.json")) {
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The handler's answer to the event, which must have this status (the body says why if not); its body as JSON. */
    public static com.fasterxml.jackson.databind.JsonNode answer(
            com.amazonaws.services.lambda.runtime.RequestHandler<APIGatewayProxyRequestEvent,
                    com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent> handler,
            APIGatewayProxyRequestEvent event, int expectedStatus) {
        var response = handler.handleRequest(event, new TestContext());
        org.assertj.core.api.Assertions.assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(expectedStatus);
        try {
            return JSON.readTree(response.getBody());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
