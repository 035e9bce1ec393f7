package io.callscheduler.events.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The POST of a signed message to an endpoint: the body exactly as signed, JSON, within {@link #TIMEOUT}, redirects
 * not followed (a 3xx is a failed attempt: following one would reach an address that was never checked). One
 * {@link HttpClient} per container, so that retries to one receiver reuse its connections.
 */
public final class WebhookPost {
    public static final Duration TIMEOUT = Duration.ofSeconds(15);
    public static final String USER_AGENT = "CallScheduler-Webhooks/1.0";
    /** A little more than the log keeps, read as bytes so a huge answer is never loaded. */
    private static final int READ_BYTES = 4096;

    private final HttpClient client;
    private final Duration timeout;

    public WebhookPost() {
        this(TIMEOUT);
    }

    /** @param timeout the whole attempt's limit (shorter in tests that hang a receiver) */
    public WebhookPost(Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** What came back: a status with its Retry-After and the start of its body, or why nothing came. */
    public record Answer(Integer status, String retryAfter, String body, Duration latency, String error) {
    }

    /** Never throws for the endpoint's faults: they are answers without a status. */
    public Answer post(URI url, Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json").header("User-Agent", USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        long start = System.nanoTime();
        try {
            HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            String text;
            try (InputStream in = response.body()) {
                text = new String(in.readNBytes(READ_BYTES), StandardCharsets.UTF_8);
            } catch (IOException e) {
                text = "";
            }
            return new Answer(response.statusCode(), response.headers().firstValue("Retry-After").orElse(null), text,
                    since(start), null);
        } catch (HttpConnectTimeoutException e) {
            return failed(start, "no connection within " + timeout.toMillis() + " ms");
        } catch (HttpTimeoutException e) {
            return failed(start, "no answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return failed(start, "connection failed: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(start, "interrupted");
        }
    }

    private static Answer failed(long start, String error) {
        return new Answer(null, null, "", since(start), error);
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
