package io.callscheduler.telephony.generic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callscheduler.telephony.CallApi;
import io.callscheduler.telephony.CallApiException;
import io.callscheduler.telephony.DialRequest;
import io.callscheduler.telephony.ProviderCall;
import io.callscheduler.telephony.ProviderHttp;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The generic Call API (the README's "Call API contract") over HTTP: JSON, deduplicated by
 * {@code Idempotency-Key}, with signed status callbacks to {@code callbackUrl}. Thread-safe; one per container.
 */
public final class GenericCallApi implements CallApi {
    /** Where the provider posts status callbacks, under the API's public URL. */
    public static final String CALLBACK_PATH = "/webhooks/generic/status";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProviderHttp http;
    private final URI baseUrl;
    private final Duration readTimeout;
    private final String authHeaderName;
    private final String authHeaderValue;
    private final URI callbackUrl;

    /**
     * @param baseUrl     e.g. {@code http://localhost:5000}
     * @param readTimeout how long to wait for a response once connected
     * @param authHeader  an optional {@code Name: value} header sent with every request, or null
     * @param publicApiUrl the API's public URL, under which callbacks are received; null for no callbacks
     */
    public GenericCallApi(ProviderHttp http, URI baseUrl, Duration readTimeout, String authHeader, URI publicApiUrl) {
        this.http = Objects.requireNonNull(http, "http");
        this.baseUrl = withoutTrailingSlash(baseUrl);
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
        this.callbackUrl = publicApiUrl == null ? null : URI.create(withoutTrailingSlash(publicApiUrl) + CALLBACK_PATH);
    }

    @Override
    public ProviderCall placeCall(DialRequest dial) {
        ObjectNode body = JSON.createObjectNode();
        body.put("to", dial.to());
        if (dial.script().callerId() != null) {
            body.put("from", dial.script().callerId());
        }
        if (dial.script().message() != null) {
            body.put("message", dial.script().message());
        }
        if (callbackUrl != null) {
            body.put("callbackUrl", callbackUrl.toString());
        }
        ObjectNode metadata = body.putObject("metadata").put("callId", dial.callId());
        if (dial.round() > 1) {
            metadata.put("round", dial.round());
        }
        HttpRequest request = request("/calls")
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", dial.idempotencyKey())
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        return send(request, "POST /calls");
    }

    @Override
    public ProviderCall getCall(String externalCallId) {
        String path = "/calls/" + URLEncoder.encode(externalCallId, StandardCharsets.UTF_8);
        return send(request(path).GET().build(), "GET /calls/{id}");
    }

    /** The contract deduplicates by idempotency key, and answers which call a key placed. */
    /** The generic contract's {@code Idempotency-Key}: a repeated create answers the call already placed. */
    @Override
    public boolean idempotentCreates() {
        return true;
    }

    @Override
    public Optional<ProviderCall> findPlaced(DialRequest dial) {
        String path = "/calls?idempotencyKey=" + URLEncoder.encode(dial.idempotencyKey(), StandardCharsets.UTF_8);
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
        return http.send(request, what, ProviderHttp::abbreviate, body -> parse(body, what));
    }

    /** A call as the contract describes it: {@code id}, {@code status}, optional {@code error} and {@code duration}. */
    public static ProviderCall parse(String body, String what) {
        try {
            return parse(JSON.readTree(body), what);
        } catch (IOException e) {
            throw CallApiException.transientFailure(what + " answered malformed JSON", 200, null, e);
        }
    }

    static ProviderCall parse(JsonNode node, String what) {
        String id = node.path("id").asText(null);
        String status = node.path("status").asText(null);
        if (id == null || status == null) {
            throw CallApiException.transientFailure(what + " answered without id or status", 200, null, null);
        }
        JsonNode error = node.get("error");
        JsonNode duration = node.get("duration");
        return new ProviderCall(id, status, error == null || error.isNull() ? null : error.asText(),
                duration == null || !duration.canConvertToInt() ? null : duration.asInt(), null);
    }

    private static URI withoutTrailingSlash(URI uri) {
        String text = uri.toString();
        return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }
}
