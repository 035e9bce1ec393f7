package io.callscheduler.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import static io.callscheduler.simulator.CallApiSimulator.JSON;
import static io.callscheduler.simulator.JsonResponses.error;
import static io.callscheduler.simulator.JsonResponses.notAllowed;
import static io.callscheduler.simulator.JsonResponses.send;

/**
 * The generic Call API contract (see the README's "Call API contract"): {@code POST /calls} places a call,
 * deduplicated by {@code Idempotency-Key}; {@code GET /calls?idempotencyKey=} and {@code GET /calls/{id}} follow it.
 */
final class GenericCallApi {
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    private final Clock clock;
    private final Supplier<SimulatorSettings> settings;
    private final Dice dice;
    private final CallLifecycle lifecycle;
    private final DialLedger ledger;
    private final CallJournal journal;
    private final GenericCallbacks callbacks;
    private final Map<String, GenericCall> calls = new ConcurrentHashMap<>();
    private final Map<String, String> idsByKey = new ConcurrentHashMap<>();

    GenericCallApi(Clock clock, Supplier<SimulatorSettings> settings, Dice dice, CallLifecycle lifecycle,
                   DialLedger ledger, CallJournal journal, StatusCallbacks statusCallbacks, String callbackSecret) {
        this.clock = clock;
        this.settings = settings;
        this.dice = dice;
        this.lifecycle = lifecycle;
        this.ledger = ledger;
        this.journal = journal;
        this.callbacks = new GenericCallbacks(clock, settings, statusCallbacks, this::view, callbackSecret);
    }

    GenericCallbacks callbacks() {
        return callbacks;
    }

    /** Every call placed (or read back from the journal) since the last reset. */
    Collection<GenericCall> calls() {
        return calls.values();
    }

    /** Reads back the calls placed before a restart. */
    void load() throws IOException {
        for (GenericCall call : journal.readAll()) {
            calls.put(call.id(), call);
            if (call.callId() != null) {
                idsByKey.put(call.callId(), call.id());
            }
        }
    }

    /** Forgets every call. */
    void reset() {
        calls.clear();
        idsByKey.clear();
    }

    /** Answers {@code /calls} and {@code /calls/{id}}. */
    void handle(HttpExchange exchange, String path) throws IOException, InterruptedException {
        String method = exchange.getRequestMethod();
        if (path.equals("/calls")) {
            if (method.equals("GET")) {
                findByIdempotencyKey(exchange);
                return;
            }
            if (!method.equals("POST")) {
                notAllowed(exchange, "GET, POST");
                return;
            }
            placeCall(exchange);
        } else {
            if (!method.equals("GET")) {
                notAllowed(exchange, "GET");
                return;
            }
            getCall(exchange, path.substring("/calls/".length()));
        }
    }

    private void placeCall(HttpExchange exchange) throws IOException, InterruptedException {
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        JsonNode body;
        try {
            body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        } catch (IOException e) {
            ledger.countUnreadableRequest();
            send(exchange, 400, error("body is not JSON"));
            return;
        }
        // Counted by the client's call id: a redial is a new request (a new key) for the same call.
        String callId = body.path("metadata").path("callId").asText(key);
        int round = body.path("metadata").path("round").asInt(1);
        ledger.countRequest(callId);
        if (ledger.overRate()) {
            exchange.getResponseHeaders().set("Retry-After", "1");
            send(exchange, 429, error("over the limit of " + settings.get().maxCallsPerSecond() + " calls per second"));
            return;
        }
        if (injectFault(exchange)) {
            return;
        }
        boolean answerLate = dice.lateAnswer();
        String to = body == null ? null : body.path("to").asText(null);
        if (to == null || !E164.matcher(to).matches()) {
            send(exchange, 422, error("'to' must be an E.164 phone number"));
            return;
        }
        String from = body.path("from").asText(null);
        if (from != null && !E164.matcher(from).matches()) {
            send(exchange, 422, error("'from' must be an E.164 phone number"));
            return;
        }
        String callbackUrl = body.path("callbackUrl").asText(null);
        if (callbackUrl != null && !callbackUrl.startsWith("http://") && !callbackUrl.startsWith("https://")) {
            send(exchange, 422, error("'callbackUrl' must be an http(s) URL"));
            return;
        }
        GenericCall call;
        synchronized (this) {
            String existing = key == null ? null : idsByKey.get(key);
            if (existing != null) {
                call = calls.get(existing);
            } else {
                call = new GenericCall("sim-" + UUID.randomUUID(), callId, to, clock.instant(), dice.outcome(), from,
                        callbackUrl, new AtomicInteger(), round);
                calls.put(call.id(), call);
                if (key != null) {
                    idsByKey.put(key, call.id());
                }
                journal.append(call);
                if (callbackUrl != null) {
                    callbacks.schedule(call);
                }
            }
        }
        if (answerLate) {
            Thread.sleep(settings.get().lateAnswerMs()); // placed, but the answer comes after the client gave up
        }
        send(exchange, 201, view(call));
    }

    /** {@code GET /calls?idempotencyKey=K}: the call placed for that key, so a client that lost an answer can find it. */
    private void findByIdempotencyKey(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        String key = null;
        for (String pair : query == null ? new String[0] : query.split("&")) {
            if (pair.startsWith("idempotencyKey=")) {
                key = URLDecoder.decode(pair.substring("idempotencyKey=".length()), StandardCharsets.UTF_8);
            }
        }
        if (key == null || key.isEmpty()) {
            send(exchange, 400, error("GET /calls needs ?idempotencyKey=..."));
            return;
        }
        String id = idsByKey.get(key);
        GenericCall call = id == null ? null : calls.get(id);
        if (call == null) {
            send(exchange, 404, error("no call placed with idempotency key " + key));
            return;
        }
        send(exchange, 200, view(call));
    }

    /** Applies a fault to this request, if the dice say so; true when the request is thereby answered. */
    private boolean injectFault(HttpExchange exchange) throws IOException, InterruptedException {
        Fault fault = dice.fault();
        if (fault == Fault.SERVER_ERROR) {
            send(exchange, 503, error("simulated outage"));
            return true;
        }
        if (fault == Fault.THROTTLE) {
            exchange.getResponseHeaders().set("Retry-After", "1");
            send(exchange, 429, error("simulated throttling"));
            return true;
        }
        return fault.applyToTransport(exchange);
    }

    private void getCall(HttpExchange exchange, String id) throws IOException {
        GenericCall call = calls.get(id);
        if (call == null) {
            send(exchange, 404, error("no call " + id));
            return;
        }
        send(exchange, 200, view(call));
    }

    /** The call as {@code GET /calls/{id}} and the callbacks show it. */
    private ObjectNode view(GenericCall call) {
        CallLifecycle.Phase phase = lifecycle.phaseOf(call.createdAt(), call.outcome());
        ObjectNode node = JSON.createObjectNode();
        node.put("id", call.id());
        node.put("to", call.to());
        node.put("from", call.from());
        node.put("status", phase.status());
        node.put("duration", phase.durationSeconds());
        node.put("startedAt", phase.startedAt() == null ? null : phase.startedAt().toString());
        node.put("endedAt", phase.endedAt() == null ? null : phase.endedAt().toString());
        node.put("error", phase.status().equals("failed") ? "simulated carrier failure" : null);
        return node;
    }
}
