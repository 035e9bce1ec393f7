package io.callscheduler.events.delivery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The POST of a signed message to an endpoint: the body exactly as signed, JSON, the whole attempt (connection,
 * headers and the start of the answer's body) within {@link #TIMEOUT}, redirects not followed (a 3xx is a failed
 * attempt: following one would reach an address that was never checked). One {@link HttpClient} per container, so
 * that retries to one receiver reuse its connections.
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

    /**
     * What came back: a status with its Retry-After and the start of its body, or why nothing came; a status with an
     * error when the receiver answered but its body did not come in time.
     */
    public record Answer(Integer status, String retryAfter, String body, Duration latency, String error) {
    }

    /**
     * Never throws for the endpoint's faults: they are answers without a status. The time limit covers the body too:
     * a receiver that sends its headers and then stalls would otherwise hold the delivery's batch past the function's
     * own timeout, and the whole batch would come back.
     */
    public Answer post(URI url, Map<String, String> headers, String body) {
        long start = System.nanoTime();
        AtomicReference<HttpResponse.ResponseInfo> answered = new AtomicReference<>();
        AtomicReference<FirstBytes> firstBytes = new AtomicReference<>();
        CompletableFuture<HttpResponse<String>> exchange;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(url).timeout(timeout)
                    .header("Content-Type", "application/json").header("User-Agent", USER_AGENT)
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            headers.forEach(builder::header);
            exchange = client.sendAsync(builder.build(), info -> {
                FirstBytes reader = new FirstBytes();
                firstBytes.set(reader);
                answered.set(info);
                return reader;
            });
        } catch (IllegalArgumentException e) {
            // A stored URL or header the HTTP client will not take (a port out of range): a failed attempt, not a
            // crash that would return the whole batch to the queue.
            return failed(start, "the request could not be made: " + e.getMessage());
        }
        try {
            HttpResponse<String> response = exchange.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return new Answer(response.statusCode(), retryAfter(response.headers()), response.body(), since(start), null);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            HttpResponse.ResponseInfo info = answered.get();
            if (info == null) {
                return failed(start, "no answer within " + timeout.toMillis() + " ms");
            }
            // The receiver answered: its status stands, and the log says the body did not follow.
            return new Answer(info.statusCode(), retryAfter(info.headers()), firstBytes.get().text(), since(start),
                    "the body was not read within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException && e.getCause().getCause() != null
                    ? e.getCause().getCause() : e.getCause();
            if (cause instanceof IllegalArgumentException) {
                return failed(start, "the request could not be made: " + cause.getMessage());
            }
            if (cause instanceof HttpConnectTimeoutException) {
                return failed(start, "no connection within " + timeout.toMillis() + " ms");
            }
            if (cause instanceof HttpTimeoutException) {
                return failed(start, "no answer within " + timeout.toMillis() + " ms");
            }
            return failed(start, "connection failed: " + (cause == null ? e : cause).getClass().getSimpleName());
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            return failed(start, "interrupted");
        }
    }

    private static String retryAfter(HttpHeaders headers) {
        return headers.firstValue("Retry-After").orElse(null);
    }

    private static Answer failed(long start, String error) {
        return new Answer(null, null, "", since(start), error);
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /**
     * The first {@value #READ_BYTES} bytes of the body, then no more reading; what came is readable while it stalls.
     * A body cut off by the connection is what came of it, as before.
     */
    private static final class FirstBytes implements HttpResponse.BodySubscriber<String> {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<String> result = new CompletableFuture<>();
        private volatile Flow.Subscription subscription;

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            boolean full;
            synchronized (bytes) {
                for (ByteBuffer buffer : buffers) {
                    int take = Math.min(buffer.remaining(), READ_BYTES - bytes.size());
                    byte[] chunk = new byte[take];
                    buffer.get(chunk);
                    bytes.write(chunk, 0, take);
                }
                full = bytes.size() >= READ_BYTES;
            }
            if (full) {
                subscription.cancel();
                result.complete(text());
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable error) {
            result.complete(text());
        }

        @Override
        public void onComplete() {
            result.complete(text());
        }

        @Override
        public CompletableFuture<String> getBody() {
            return result;
        }

        String text() {
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
