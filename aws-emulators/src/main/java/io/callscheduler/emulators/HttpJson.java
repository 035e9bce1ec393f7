package io.callscheduler.emulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON request and response helpers for the emulators, with AWS-style errors. */
public final class HttpJson {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private HttpJson() {
    }

    /**
     * The operation of a JSON-protocol request ({@code X-Amz-Target: <prefix>.<Operation>}).
     *
     * @throws AwsError when the request is not in that protocol for this service
     */
    public static String jsonOperation(HttpExchange exchange, String targetPrefix) {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (target == null || !target.startsWith(targetPrefix + ".")) {
            throw new AwsError(400, "InvalidAction", "only the JSON protocol (X-Amz-Target: " + targetPrefix + ".*) is emulated");
        }
        return target.substring(targetPrefix.length() + 1);
    }

    public static JsonNode readBody(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (body.length == 0) {
            return MAPPER.createObjectNode();
        }
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new AwsError(400, "ValidationException", "request body is not valid JSON");
        }
    }

    public static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        send(exchange, status, body.toString().getBytes(StandardCharsets.UTF_8), "application/json");
    }

    public static void send(HttpExchange exchange, int status, byte[] body, String contentType) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
        if (status == 204 || body.length == 0) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** An AWS REST-JSON error: the type in {@code x-amzn-ErrorType}, the text in {@code Message}. */
    public static void sendError(HttpExchange exchange, AwsError error) throws IOException {
        exchange.getResponseHeaders().set("x-amzn-ErrorType", error.type());
        ObjectNode body = MAPPER.createObjectNode();
        body.put("__type", error.type());
        body.put("Message", error.getMessage());
        body.put("message", error.getMessage());
        send(exchange, error.status(), body);
    }

    public static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> params = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(name, value);
        }
        return params;
    }

    /** The decoded path segments after {@code prefix}, e.g. {@code /schedules/a} with {@code /schedules} → [a]. */
    public static String[] segmentsAfter(HttpExchange exchange, String prefix) {
        String path = exchange.getRequestURI().getRawPath();
        String rest = path.length() > prefix.length() ? path.substring(prefix.length()) : "";
        if (rest.startsWith("/")) {
            rest = rest.substring(1);
        }
        if (rest.isEmpty()) {
            return new String[0];
        }
        String[] parts = rest.split("/");
        for (int i = 0; i < parts.length; i++) {
            parts[i] = URLDecoder.decode(parts[i], StandardCharsets.UTF_8);
        }
        return parts;
    }
}
