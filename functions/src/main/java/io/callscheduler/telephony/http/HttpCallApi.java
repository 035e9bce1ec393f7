package io.callscheduler.telephony.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callscheduler.telephony.CallApi;
import io.callscheduler.telephony.CallApiException;
import io.callscheduler.telephony.ProviderCall;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The Call API over HTTP with the JDK's client (no extra dependency, connection pooling, HTTP/1.1).
 * One instance is shared per container; it is thread-safe.
 */
public final class HttpCallApi implements CallApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI baseUrl;
    private final Duration readTimeout;
    private final String authHeaderName;
    private final String authHeaderValue;

    /**
     * @param http        a client built with the connect timeout wanted
     * @param baseUrl     e.g. {@code http://localhost:5000}
     * @param readTimeout how long to wait for a response once connected
     * @param authHeader  an optional {@code Name: value} header sent with every request, or null
     */
    public HttpCallApi(HttpClient http, URI baseUrl, Duration readTimeout, String authHeader) {
        this.http = Objects.requireNonNull(http, "http");
        String base = baseUrl.toString();
        this.baseUrl = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.readTimeout = Objects.requireNonNull(readTimeout, "readTimeout");
        if (authHeader != null && !authHeader.isBlank()) {
            int colon = authHeader.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("CALL_API_AUTH_HEADER must look like 'Name: value'");
            }
            this.authHeaderName = authHeader.substring(0, colon).trim();
            this.authHeaderValue = authHeader.substring(colon + 1).trim();
        } else {
            this.authHeaderName = null;
            this.authHeaderValue = null;
        }
    }

    @Override
    public ProviderCall placeCall(String phoneNumber, String idempotencyKey) {
        String body;
        try {
            body = JSON.writeValueAsString(Map.of("to", phoneNumber, "metadata", Map.of("callId", idempotencyKey)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        HttpRequest request = request("/calls")
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return send(request, "POST /calls");
    }

    @Override
    public ProviderCall getCall(String externalCallId) {
        String path = "/calls/" + URLEncoder.encode(externalCallId, StandardCharsets.UTF_8);
        return send(request(path).GET().build(), "GET /calls/{id}");
    }

    @Override
    public Optional<ProviderCall> findByIdempotencyKey(String idempotencyKey) {
        String path = "/calls?idempotencyKey=" + URLEncoder.encode(idempotencyKey, StandardCharsets.UTF_8);
        try {
            return Optional.of(send(request(path).GET().build(), "GET /calls?idempotencyKey"));
        } catch (CallApiException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(readTimeout)
                .header("Accept", "application/json");
        if (authHeaderName != null) {
            builder.header(authHeaderName, authHeaderValue);
        }
        return builder;
    }

    private ProviderCall send(HttpRequest request, String what) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            // Timeouts, refused and dropped connections: the request may or may not have arrived.
            throw CallApiException.transientFailure(what + " failed: " + describe(e), 0, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CallApiException.transientFailure(what + " interrupted", 0, null, e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return parse(response.body(), what);
        }
        String message = what + " answered " + status + errorText(response.body());
        if (status == 429 || status >= 500) {
            throw CallApiException.transientFailure(message, status, retryAfter(response), null);
        }
        throw CallApiException.rejected(message, status);
    }

    private static ProviderCall parse(String body, String what) {
        try {
            JsonNode node = JSON.readTree(body);
            String id = node.path("id").asText(null);
            String status = node.path("status").asText(null);
            if (id == null || status == null) {
                throw CallApiException.transientFailure(what + " answered without id or status", 200, null, null);
            }
            JsonNode error = node.get("error");
            return new ProviderCall(id, status, error == null || error.isNull() ? null : error.asText());
        } catch (IOException e) {
            throw CallApiException.transientFailure(what + " answered malformed JSON", 200, null, e);
        }
    }

    private static String errorText(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String trimmed = body.strip();
        return ": " + (trimmed.length() > 200 ? trimmed.substring(0, 200) + "…" : trimmed);
    }

    private static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(value -> {
            try {
                return Duration.ofSeconds(Long.parseLong(value.trim()));
            } catch (NumberFormatException e) {
                return null; // HTTP-date form: fall back to our own backoff
            }
        }).orElse(null);
    }

    private static String describe(IOException e) {
        String name = e.getClass().getSimpleName();
        return e.getMessage() == null ? name : name + " (" + e.getMessage() + ")";
    }
}
