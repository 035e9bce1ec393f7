package io.callscheduler.simulator.receiver;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static io.callscheduler.simulator.JsonResponses.error;
import static io.callscheduler.simulator.JsonResponses.notAllowed;
import static io.callscheduler.simulator.JsonResponses.send;

/**
 * Plays the user's webhook endpoint, for tests, benchmarks and a person trying webhooks on their own machine:
 * <ul>
 *   <li>any request to {@code /webhooks} or below ({@code /webhooks/crm}, ...) is recorded as it came (headers and
 *       body; no signature is checked) and answered as the knobs say;</li>
 *   <li>{@code GET|PUT /_sim/receiver/config} reads and turns the knobs ({@link ReceiverSettings}: status, Retry-After,
 *       hang, for how many requests);</li>
 *   <li>{@code GET /_sim/receiver/received} answers what was received, oldest first ({@code ?webhookId=} narrows it to
 *       one message's attempts, {@code ?path=} to one address); {@code POST /_sim/receiver/reset} forgets it.</li>
 * </ul>
 */
public final class WebhookReceiver {
    public static final String PREFIX = "/webhooks";
    public static final String KNOBS_PREFIX = "/_sim/receiver";
    /** The newest requests kept (the count goes on): enough for a benchmark's thousands, bounded all the same. */
    static final int KEPT = 20_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock;
    private final int kept;
    private final Deque<ReceivedWebhook> received = new ArrayDeque<>();
    private long count;
    private ReceiverSettings settings = ReceiverSettings.DEFAULTS;
    /** Requests still to answer as {@link #settings} say when they are for a number of requests. */
    private long remaining;

    public WebhookReceiver(Clock clock) {
        this(clock, KEPT);
    }

    /** @param kept how many of the newest requests are kept */
    WebhookReceiver(Clock clock, int kept) {
        this.clock = clock;
        this.kept = kept;
    }

    /** Whether the path is the receiver's (the endpoint, or its knobs). */
    public static boolean handles(String path) {
        return path.equals(PREFIX) || path.startsWith(PREFIX + "/") || path.equals(KNOBS_PREFIX) || path.startsWith(KNOBS_PREFIX + "/");
    }

    public void handle(HttpExchange exchange, String path) throws IOException, InterruptedException {
        if (path.startsWith(KNOBS_PREFIX)) {
            knobs(exchange, path);
        } else {
            receive(exchange);
        }
    }

    public synchronized ReceiverSettings settings() {
        return settings;
    }

    public synchronized void configure(ReceiverSettings newSettings) {
        settings = newSettings;
        remaining = newSettings.forNextRequests();
    }

    /** What was received since the last reset, oldest first (the newest {@value #KEPT}). */
    public synchronized List<ReceivedWebhook> received() {
        return List.copyOf(received);
    }

    public synchronized void reset() {
        received.clear();
        count = 0;
    }

    private void receive(HttpExchange exchange) throws IOException, InterruptedException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        ReceiverSettings answer = record(exchange, new String(body, StandardCharsets.UTF_8));
        if (answer.hangSeconds() > 0) {
            Thread.sleep(answer.hangSeconds() * 1000);
        }
        if (answer.retryAfterSeconds() > 0 && (answer.status() == 429 || answer.status() == 503)) {
            exchange.getResponseHeaders().set("Retry-After", Long.toString(answer.retryAfterSeconds()));
        }
        ObjectNode reply = JSON.createObjectNode().put("status", answer.status());
        reply.put("message", answer.status() < 300 ? "received" : "simulated answer " + answer.status()
                + " (the receiver's knobs: " + KNOBS_PREFIX + "/config)");
        if (answer.stallBodySeconds() > 0) {
            sendWithStalledBody(exchange, answer, JSON.writeValueAsBytes(reply));
            return;
        }
        send(exchange, answer.status(), reply);
    }

    /** The status and headers now, the body only after the stall: a receiver that answered, then stopped sending. */
    private static void sendWithStalledBody(HttpExchange exchange, ReceiverSettings answer, byte[] body)
            throws IOException, InterruptedException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), 0);
        exchange.getResponseBody().flush();
        Thread.sleep(answer.stallBodySeconds() * 1000);
        exchange.getResponseBody().write(body);
        exchange.getResponseBody().close();
    }

    /** Records the request and decides its answer, in one step so that "for the next N" counts each request once. */
    private synchronized ReceiverSettings record(HttpExchange exchange, String body) {
        ReceiverSettings answer = settings;
        if (answer.forNextRequests() > 0 && --remaining <= 0) {
            settings = ReceiverSettings.DEFAULTS; // the next request is answered 200 again
        }
        Map<String, List<String>> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).addAll(values));
        received.addLast(new ReceivedWebhook(++count, clock.instant(), exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath() + (exchange.getRequestURI().getRawQuery() == null ? ""
                        : "?" + exchange.getRequestURI().getRawQuery()), headers, body, answer.status()));
        if (received.size() > kept) {
            received.removeFirst();
        }
        return answer;
    }

    private void knobs(HttpExchange exchange, String path) throws IOException {
        String method = exchange.getRequestMethod();
        switch (path) {
            case KNOBS_PREFIX + "/config" -> {
                if (method.equals("PUT") || method.equals("POST")) {
                    try {
                        configure(settings().with(JSON.readTree(exchange.getRequestBody().readAllBytes())));
                    } catch (IllegalArgumentException | IOException e) {
                        send(exchange, 400, error(e.getMessage()));
                        return;
                    }
                } else if (!method.equals("GET")) {
                    notAllowed(exchange, "GET, PUT");
                    return;
                }
                send(exchange, 200, configJson());
            }
            case KNOBS_PREFIX + "/received" -> {
                if (!method.equals("GET")) {
                    notAllowed(exchange, "GET");
                    return;
                }
                send(exchange, 200, receivedJson(query(exchange)));
            }
            case KNOBS_PREFIX + "/reset" -> {
                if (!method.equals("POST")) {
                    notAllowed(exchange, "POST");
                    return;
                }
                reset();
                send(exchange, 200, JSON.createObjectNode().put("reset", true));
            }
            default -> send(exchange, 404, error("no such endpoint: " + method + " " + path
                    + "; the receiver's are " + KNOBS_PREFIX + "/config, /received and /reset"));
        }
    }

    private synchronized ObjectNode configJson() {
        ObjectNode node = settings.toJson();
        if (settings.forNextRequests() > 0) {
            node.put("remaining", remaining);
        }
        return node;
    }

    private synchronized ObjectNode receivedJson(Map<String, String> query) {
        ObjectNode node = JSON.createObjectNode();
        node.put("count", count);
        ArrayNode items = node.putArray("items");
        String webhookId = query.get("webhookId");
        String onPath = query.get("path");
        for (ReceivedWebhook each : received) {
            if ((webhookId == null || webhookId.equals(each.webhookId()))
                    && (onPath == null || each.path().equals(onPath) || each.path().startsWith(onPath + "?"))) {
                items.add(each.toJson(JSON));
            }
        }
        return node;
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> params = new TreeMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null) {
            return params;
        }
        for (String pair : raw.split("&")) {
            String[] parts = pair.split("=", 2);
            params.put(java.net.URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                    parts.length < 2 ? "" : java.net.URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        return params;
    }
}
