package io.callscheduler.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.callscheduler.localhttp.HttpServers;
import io.callscheduler.simulator.receiver.WebhookReceiver;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutorService;

import static io.callscheduler.simulator.JsonResponses.error;
import static io.callscheduler.simulator.JsonResponses.notAllowed;
import static io.callscheduler.simulator.JsonResponses.send;

/**
 * A telephony Call API for local runs, tests and benchmarks (see the README's "Call API contract"):
 * <ul>
 *   <li>{@code POST /calls} places a call, deduplicated by {@code Idempotency-Key};</li>
 *   <li>{@code GET /calls/{id}} follows it through queued → ringing → in-progress → completed (or busy,
 *       no-answer, failed, in the configured shares), timed by the settings;</li>
 *   <li>{@code GET /_sim/dials} and {@code GET /_sim/dials/{callId}} count requests and placements per call
 *       (read-only);</li>
 *   <li>{@code GET|PUT /_sim/config} reads and changes the knobs (latency, fault rates, shares, timings);
 *       {@code POST /_sim/reset} forgets every call;</li>
 *   <li>{@code /webhooks} plays the user's webhook endpoint, with its own knobs under {@code /_sim/receiver}
 *       ({@link WebhookReceiver}).</li>
 * </ul>
 * Placed calls are appended to {@code calls.jsonl} in the data directory, when one is given, so a restart
 * forgets none.
 */
public final class CallApiSimulator implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor = HttpServers.workers("call-api-simulator", 512);

    private volatile SimulatorSettings settings;
    private final Dice dice;
    private final CallLifecycle lifecycle;
    private final DialLedger ledger;
    private final GenericCallApi generic;
    private final TwilioVoice twilio;
    private final StatusCallbacks callbacks;
    private final WebhookReceiver receiver;

    private CallApiSimulator(HttpServer server, Path dataDirectory, SimulatorSettings settings, Clock clock, Secrets secrets) {
        this.server = server;
        this.settings = settings;
        this.callbacks = new StatusCallbacks(() -> this.settings);
        this.dice = new Dice(() -> this.settings);
        this.lifecycle = new CallLifecycle(clock, () -> this.settings);
        this.ledger = new DialLedger(clock, () -> this.settings, lifecycle);
        this.generic = new GenericCallApi(clock, () -> this.settings, dice, lifecycle, ledger,
                new CallJournal(dataDirectory), callbacks, secrets.callbackSecret());
        this.twilio = new TwilioVoice(secrets.twilio(), clock, () -> this.settings, dice, lifecycle, ledger, callbacks);
        this.receiver = new WebhookReceiver(clock);
    }

    /**
     * What the simulator authenticates and signs with: its Twilio account (Basic auth, {@code X-Twilio-Signature})
     * and the generic contract's callback secret ({@code X-Call-Signature}). Never constants in the source: whoever
     * knows them can post callbacks the functions accept.
     */
    public record Secrets(TwilioVoice.Credentials twilio, String callbackSecret) {
        private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

        public Secrets {
            java.util.Objects.requireNonNull(twilio, "twilio");
            java.util.Objects.requireNonNull(callbackSecret, "callbackSecret");
        }

        /** {@code TWILIO_ACCOUNT_SID}/{@code TWILIO_AUTH_TOKEN} and {@code CALL_API_CALLBACK_SECRET} when set, else random ones. */
        public static Secrets fromEnvironment(Map<String, String> env) {
            String secret = env.get("CALL_API_CALLBACK_SECRET");
            return new Secrets(TwilioVoice.Credentials.fromEnvironment(env),
                    secret == null || secret.isBlank() ? randomCallbackSecret() : secret);
        }

        /** Never the values, should a record be logged. */
        @Override
        public String toString() {
            return "Secrets[account " + twilio.accountSid() + "]";
        }

        /** 256 random bits as 64 hex digits. */
        public static String randomCallbackSecret() {
            byte[] secret = new byte[32];
            RANDOM.nextBytes(secret);
            return java.util.HexFormat.of().formatHex(secret);
        }
    }

    /** Signs generic callbacks with another secret from now on. */
    public void useCallbackSecret(String secret) {
        generic.callbacks().useSecret(secret);
    }

    public String callbackSecret() {
        return generic.callbacks().secret();
    }

    /** Twilio's Programmable Voice calls API, as this simulator serves it. */
    public TwilioVoice twilio() {
        return twilio;
    }

    /**
     * Starts listening.
     *
     * @param port          0 for any free port
     * @param dataDirectory where placed calls persist, or null
     * @throws java.net.BindException when the port is taken
     */
    public static CallApiSimulator start(String host, int port, Path dataDirectory, SimulatorSettings settings)
            throws IOException {
        return start(host, port, dataDirectory, settings, Secrets.fromEnvironment(System.getenv()));
    }

    /**
     * Starts listening with the given secrets (the local cloud keeps them in its data directory).
     *
     * @param port          0 for any free port
     * @param dataDirectory where placed calls persist, or null
     * @throws java.net.BindException when the port is taken
     */
    public static CallApiSimulator start(String host, int port, Path dataDirectory, SimulatorSettings settings,
                                         Secrets secrets) throws IOException {
        HttpServer server = HttpServers.create(host, port, 256);
        CallApiSimulator simulator = new CallApiSimulator(server, dataDirectory, settings, Clock.systemUTC(), secrets);
        simulator.generic.load();
        server.createContext("/", simulator::handle);
        server.setExecutor(simulator.executor);
        server.start();
        return simulator;
    }

    /** The address this server listens on. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    public URI uri() {
        return URI.create("http://localhost:" + server.getAddress().getPort());
    }

    public SimulatorSettings settings() {
        return settings;
    }

    public void configure(SimulatorSettings newSettings) {
        settings = newSettings;
    }

    /** The webhook receiver at {@code /webhooks}: what it got, and its knobs. */
    public WebhookReceiver receiver() {
        return receiver;
    }

    /** POST /calls requests received with this call id (Idempotency-Key), whatever they were answered. */
    public long requestsFor(String callId) {
        return ledger.requestsFor(callId);
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            if (WebhookReceiver.handles(path)) {
                receiver.handle(exchange, path); // its own knobs: the provider's latency is not the endpoint's
                return;
            }
            if (settings.latencyMs() > 0 && !path.startsWith("/_sim")) {
                Thread.sleep(settings.latencyMs());
            }
            if (path.startsWith(TwilioVoice.PREFIX)) {
                twilio.handle(exchange, path);
            } else if (path.equals("/calls") || path.startsWith("/calls/")) {
                generic.handle(exchange, path);
            } else if (path.equals("/_sim/dials")) {
                send(exchange, 200, ledger.dials(generic.calls()));
            } else if (path.startsWith("/_sim/dials/")) {
                send(exchange, 200, ledger.dialsOf(path.substring("/_sim/dials/".length()), generic.calls()));
            } else if (path.equals("/_sim/requests")) {
                send(exchange, 200, ledger.requestLog());
            } else if (path.equals("/_sim/config")) {
                config(exchange);
            } else if (path.equals("/_sim/reset") && method.equals("POST")) {
                generic.reset();
                ledger.reset();
                send(exchange, 200, JSON.createObjectNode().put("reset", true));
            } else if (path.equals("/health")) {
                send(exchange, 200, JSON.createObjectNode().put("status", "ok"));
            } else {
                send(exchange, 404, error("no such endpoint: " + method + " " + path));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            // the client went away, or a dropped connection was simulated
        }
    }

    /** {@code sha256=} and the hex HMAC-SHA256 of the body, keyed with the shared callback secret. */
    public static String signature(String secret, byte[] body) {
        return GenericCallbacks.signature(secret, body);
    }

    private void config(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if (method.equals("PUT") || method.equals("POST")) {
            try {
                settings = settings.with(JSON.readTree(exchange.getRequestBody().readAllBytes()));
            } catch (IllegalArgumentException | IOException e) {
                send(exchange, 400, error(e.getMessage()));
                return;
            }
        } else if (!method.equals("GET")) {
            notAllowed(exchange, "GET, PUT");
            return;
        }
        send(exchange, 200, settings.toJson());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        twilio.close();
        callbacks.close();
    }

    /**
     * Runs the simulator on its own: {@code java -jar call-api-simulator.jar [--host 127.0.0.1] [--port 5000]
     * [--data-dir DIR] [--set name=value ...]}, where names are the fields of {@link SimulatorSettings}. It
     * listens on loopback unless told otherwise (a container passes {@code --host 0.0.0.0}). Its Twilio Auth Token
     * and callback secret come from the environment ({@code TWILIO_ACCOUNT_SID}/{@code TWILIO_AUTH_TOKEN},
     * {@code CALL_API_CALLBACK_SECRET}), else are made for the run and printed once, for the functions' settings.
     */
    public static void main(String[] args) throws Exception {
        StandaloneSimulator.run(args);
    }
}
