package io.callscheduler.localcloud.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * The application deployed somewhere (the local cloud, LocalStack), driven over real HTTP only, as a user
 * would: its API, and the Call API simulator that counts dials. Subclasses say what differs by target.
 */
public abstract class DeployedApp implements AutoCloseable {
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Simulator settings for tests: short calls, but long enough in progress for a 1 s status sync to see them talking. */
    public static final String QUICK_CALLS = "{\"ringAfterMs\":100,\"answerAfterMs\":200,\"talkMs\":2000}";

    /**
     * The key each running API requires, by its {@code host:port}: every request to it carries the key, as
     * curl in the README and the page do, so that the tests run the default (ApiKeyRequired=true).
     */
    private static final java.util.Map<String, String> API_KEYS = new java.util.concurrent.ConcurrentHashMap<>();

    public final URI api;
    public final URI callApi;

    protected DeployedApp(URI api, URI callApi) {
        this.api = api;
        this.callApi = callApi;
    }

    /** From now on requests to {@code api} carry {@code key}; null for none. */
    protected static void useApiKey(URI api, String key) {
        if (key == null) {
            API_KEYS.remove(api.getAuthority());
        } else {
            API_KEYS.put(api.getAuthority(), key);
        }
    }

    /** Whether the call's one-time schedule exists now. */
    public abstract boolean hasSchedule(String callId);

    /** Whether one-time schedules fire here. On LocalStack they never do, and the status sync dials instead. */
    public abstract boolean schedulesFire();

    /** The latest after its time that a due call may be dialed here. */
    public abstract Duration dialLateness();

    /** The longest from creating a "call now" to its dial here. */
    public abstract Duration callNowLatency();

    public void configureSimulator(String settings) {
        send("PUT", callApi.resolve("/_sim/config"), settings, 200);
    }

    /** POST /calls; expects 201. */
    public JsonNode create(String phoneNumber, Instant scheduledAt) {
        return createNamed(phoneNumber, "Test", scheduledAt);
    }

    /** POST /calls with a contact name; a null time means call now. Expects 201. */
    public JsonNode createNamed(String phoneNumber, String contactName, Instant scheduledAt) {
        ObjectNode body = JSON.createObjectNode().put("phoneNumber", phoneNumber).put("contactName", contactName);
        if (scheduledAt != null) {
            body.put("scheduledAt", scheduledAt.toString());
        }
        return send("POST", api.resolve("/calls"), body.toString(), 201);
    }

    public JsonNode get(String id) {
        return send("GET", api.resolve("/calls/" + id), null, 200);
    }

    public String status(String id) {
        return get(id).path("status").asText();
    }

    /** The simulator's record of one call: {@code placed}, {@code requests}, {@code firstPlacedAt}. */
    public JsonNode dials(String callId) {
        return send("GET", callApi.resolve("/_sim/dials/" + callId), null, 200);
    }

    public long placed(String callId) {
        return dials(callId).path("placed").asLong();
    }

    /** Sends a request and checks the status; returns the JSON body (or null when empty). */
    public static JsonNode send(String method, URI uri, String body, int expectedStatus) {
        HttpResponse<String> response = exchange(method, uri, body);
        if (response.statusCode() != expectedStatus) {
            throw new AssertionError(method + " " + uri + ": expected " + expectedStatus + " but got "
                    + response.statusCode() + " " + response.body());
        }
        try {
            return response.body().isEmpty() ? null : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static HttpResponse<String> exchange(String method, URI uri, String body) {
        String key = API_KEYS.get(uri.getAuthority());
        return exchange(method, uri, body, key == null ? java.util.Map.of() : java.util.Map.of("x-api-key", key));
    }

    /** Sends exactly these headers (and Content-Type with a body), whatever key the API requires. */
    public static HttpResponse<String> exchange(String method, URI uri, String body, java.util.Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public abstract void close();
}
