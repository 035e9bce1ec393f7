package io.callscheduler.telephony;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Sends a provider request and turns every failure into a {@link CallApiException} classified for the retry
 * policy: no answer, 429 and 5xx are transient; other 4xx are rejections. Shared by the adapters.
 */
public final class ProviderHttp {
    private final Supplier<HttpClient> connect;
    private volatile HttpClient http;

    public ProviderHttp(HttpClient http) {
        this(() -> http);
    }

    /** @param connect builds the client; called now and again by {@link #reconnect()} */
    public ProviderHttp(Supplier<HttpClient> connect) {
        this.connect = Objects.requireNonNull(connect, "connect");
        this.http = Objects.requireNonNull(connect.get(), "http");
    }

    /**
     * Starts over with a new client, leaving the old one's pooled connections behind: after a SnapStart
     * restore they lead nowhere, and a request sent on one would fail as "may or may not have arrived".
     */
    public void reconnect() {
        http = Objects.requireNonNull(connect.get(), "http");
    }

    /** The client requests go through, for tests. */
    HttpClient client() {
        return http;
    }

    /**
     * @param what      the request, for messages (e.g. {@code POST /calls})
     * @param errorText the provider's error body made readable
     * @param parse     reads a 2xx body
     */
    public <T> T send(HttpRequest request, String what, Function<String, String> errorText, Function<String, T> parse) {
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
            return parse.apply(response.body());
        }
        String body = response.body();
        String message = what + " answered " + status + (body == null || body.isBlank() ? "" : ": " + errorText.apply(body));
        if (status == 429 || status >= 500) {
            throw CallApiException.transientFailure(message, status, retryAfter(response), null);
        }
        throw CallApiException.rejected(message, status);
    }

    /** A body cut to a length fit for a log line and the call's lastError. */
    public static String abbreviate(String body) {
        String trimmed = body.strip();
        return trimmed.length() > 200 ? trimmed.substring(0, 200) + "…" : trimmed;
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
