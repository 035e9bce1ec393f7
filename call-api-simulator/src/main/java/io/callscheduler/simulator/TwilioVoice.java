package io.callscheduler.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.callscheduler.simulator.TwilioForms.first;

/**
 * Twilio Programmable Voice's calls API ({@code 2010-04-01}), as far as placing and following calls goes, so
 * that a Twilio client can run against the simulator with no account:
 * <ul>
 *   <li>{@code POST /2010-04-01/Accounts/{AccountSid}/Calls.json}: form-encoded, HTTP Basic auth with the
 *       configured Account SID and Auth Token; {@code To}, {@code From} and one of {@code Url}, {@code Twiml},
 *       {@code ApplicationSid} required; answers 201 with Twilio's call resource;</li>
 *   <li>{@code GET /2010-04-01/Accounts/{AccountSid}/Calls/{CallSid}.json}: the call as it stands;</li>
 *   <li>status callbacks: a form-encoded POST to {@code StatusCallback} for each requested
 *       {@code StatusCallbackEvent} (only {@code completed} when none is given), with Twilio's fields and an
 *       {@code X-Twilio-Signature} computed with the Auth Token.</li>
 * </ul>
 * The lifecycle (timings and busy/no-answer/failed shares) and the fault knobs are the simulator's own, shared
 * with the generic contract. Errors have Twilio's shape: {@code {"code", "message", "more_info", "status"}}.
 */
public final class TwilioVoice implements AutoCloseable {
    static final String PREFIX = "/2010-04-01/Accounts/";
    private static final Pattern CALLS = Pattern.compile("/2010-04-01/Accounts/([^/]+)/Calls\\.json");
    private static final Pattern CALL = Pattern.compile("/2010-04-01/Accounts/([^/]+)/Calls/([^/]+)\\.json");
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Set<String> EVENTS = Set.of("initiated", "ringing", "answered", "completed");
    /** Twilio's date format in resources and callbacks (RFC 2822). */
    private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /**
     * The account the simulator accepts.
     *
     * @param accountSid {@code AC} and 32 hex digits
     * @param authToken  the Auth Token: the Basic-auth password and the key of callback signatures
     */
    public record Credentials(String accountSid, String authToken) {
        /** The account SID when the environment names none: an identifier, not a secret, so it is fixed. */
        public static final String TEST_ACCOUNT_SID = "AC" + "0".repeat(32);
        private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

        public Credentials {
            Objects.requireNonNull(accountSid, "accountSid");
            Objects.requireNonNull(authToken, "authToken");
        }

        /**
         * {@code TWILIO_ACCOUNT_SID} and {@code TWILIO_AUTH_TOKEN} when both are set, else {@link #generated()}:
         * a token anyone could read in the source would let anyone sign callbacks the functions accept.
         */
        public static Credentials fromEnvironment(Map<String, String> env) {
            String sid = env.get("TWILIO_ACCOUNT_SID");
            String token = env.get("TWILIO_AUTH_TOKEN");
            return sid == null || sid.isBlank() || token == null || token.isBlank() ? generated() : new Credentials(sid, token);
        }

        /** The test account with a fresh random Auth Token: 32 hex digits, as Twilio's are. */
        public static Credentials generated() {
            byte[] token = new byte[16];
            RANDOM.nextBytes(token);
            return new Credentials(TEST_ACCOUNT_SID, java.util.HexFormat.of().formatHex(token));
        }

        /** Never the Auth Token, should a record be logged: whoever reads it can sign callbacks. */
        @Override
        public String toString() {
            return "Credentials[account " + accountSid + "]";
        }
    }

    private record TwilioCall(String sid, String to, String from, Instant createdAt, String outcome,
                              String statusCallback, Set<String> events, AtomicInteger sequence, String answeredBy) {
    }

    private final CallApiSimulator simulator;
    private final Clock clock;
    private volatile Credentials credentials;
    private final Map<String, TwilioCall> calls = new ConcurrentHashMap<>();
    private final StatusCallbacks callbacks;

    TwilioVoice(CallApiSimulator simulator, Clock clock, Credentials credentials, StatusCallbacks callbacks) {
        this.simulator = simulator;
        this.clock = clock;
        this.credentials = credentials;
        this.callbacks = callbacks;
    }

    public Credentials credentials() {
        return credentials;
    }

    /** Accepts another account from now on (tests, or a local cloud given real-looking credentials). */
    public void useCredentials(Credentials newCredentials) {
        this.credentials = Objects.requireNonNull(newCredentials, "credentials");
    }

    /** The signature Twilio puts in {@code X-Twilio-Signature}: HMAC-SHA1 of the URL and the sorted parameters. */
    public static String signature(String authToken, String url, Map<String, String> parameters) {
        StringBuilder signed = new StringBuilder(url);
        new TreeMap<>(parameters).forEach((name, value) -> signed.append(name).append(value));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(signed.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is always available", e);
        }
    }

    void handle(HttpExchange exchange, String path) throws IOException, InterruptedException {
        Credentials account = credentials;
        if (!authenticated(exchange, account)) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"Twilio API\"");
            TwilioErrors.send(exchange, 401, 20003, "Authenticate");
            return;
        }
        Matcher list = CALLS.matcher(path);
        Matcher one = CALL.matcher(path);
        String method = exchange.getRequestMethod();
        if (list.matches() && method.equals("POST") && list.group(1).equals(account.accountSid())) {
            create(exchange, account);
        } else if (list.matches() && method.equals("GET") && list.group(1).equals(account.accountSid())) {
            list(exchange, account);
        } else if (one.matches() && method.equals("GET") && one.group(1).equals(account.accountSid())) {
            TwilioCall call = calls.get(one.group(2));
            if (call == null) {
                TwilioErrors.send(exchange, 404, 20404, "The requested resource " + path + " was not found");
            } else {
                JsonResponses.send(exchange, 200, resource(call, account));
            }
        } else {
            TwilioErrors.send(exchange, 404, 20404, "The requested resource " + path + " was not found");
        }
    }

    /**
     * {@code GET .../Calls.json?To=&From=&Status=}: the account's calls, newest first, as Twilio's list
     * answers ({@code calls} plus paging fields); {@code PageSize} up to 1000.
     */
    private void list(HttpExchange exchange, Credentials account) throws IOException {
        Map<String, List<String>> query = TwilioForms.parse(exchange.getRequestURI().getRawQuery() == null ? ""
                : exchange.getRequestURI().getRawQuery());
        String to = first(query, "To");
        String from = first(query, "From");
        String status = first(query, "Status");
        int pageSize = Math.max(1, Math.min(1000, Integer.parseInt(Objects.requireNonNullElse(first(query, "PageSize"), "50"))));
        ObjectNode page = CallApiSimulator.JSON.createObjectNode();
        var items = page.putArray("calls");
        calls.values().stream()
                .filter(call -> to == null || to.equals(call.to()))
                .filter(call -> from == null || from.equals(call.from()))
                .sorted(java.util.Comparator.comparing(TwilioCall::createdAt).reversed())
                .map(call -> resource(call, account))
                .filter(resource -> status == null || status.equals(resource.get("status").asText()))
                .limit(pageSize)
                .forEach(items::add);
        page.put("page", 0);
        page.put("page_size", pageSize);
        page.put("start", 0);
        page.put("end", Math.max(0, items.size() - 1));
        page.put("uri", exchange.getRequestURI().toString());
        page.put("first_page_uri", exchange.getRequestURI().toString());
        page.putNull("next_page_uri");
        page.putNull("previous_page_uri");
        JsonResponses.send(exchange, 200, page);
    }

    private void create(HttpExchange exchange, Credentials account) throws IOException, InterruptedException {
        Map<String, List<String>> form = TwilioForms.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String callId = TwilioForms.callIdOf(first(form, "StatusCallback"));
        simulator.ledger().countRequest(callId);
        if (simulator.ledger().overRate()) {
            TwilioErrors.send(exchange, 429, 20429, "Too Many Requests: over " + simulator.settings().maxCallsPerSecond() + " calls per second");
            return;
        }
        Fault fault = simulator.dice().fault();
        if (fault == Fault.SERVER_ERROR) {
            TwilioErrors.send(exchange, 503, 20503, "Service Unavailable (simulated outage)");
            return;
        }
        if (fault == Fault.THROTTLE) {
            TwilioErrors.send(exchange, 429, 20429, "Too Many Requests (simulated throttling)");
            return;
        }
        if (fault.applyToTransport(exchange)) {
            return;
        }
        String to = first(form, "To");
        String from = first(form, "From");
        if (to == null) {
            TwilioErrors.send(exchange, 400, 21201, "No 'To' number is specified");
            return;
        }
        if (from == null) {
            TwilioErrors.send(exchange, 400, 21213, "No 'From' number is specified");
            return;
        }
        if (first(form, "Url") == null && first(form, "Twiml") == null && first(form, "ApplicationSid") == null) {
            TwilioErrors.send(exchange, 400, 21205, "Url parameter is required. Please provide a Url, Twiml or ApplicationSid");
            return;
        }
        if (!E164.matcher(to).matches()) {
            TwilioErrors.send(exchange, 400, 21211, "Invalid 'To' Phone Number: " + to);
            return;
        }
        Set<String> events = new LinkedHashSet<>();
        for (String event : form.getOrDefault("StatusCallbackEvent", List.of())) {
            for (String one : event.trim().split("\\s+")) {
                if (!EVENTS.contains(one)) {
                    TwilioErrors.send(exchange, 400, 21626, "Invalid StatusCallbackEvent: " + one);
                    return;
                }
                events.add(one);
            }
        }
        if (events.isEmpty()) {
            events.add("completed");
        }
        boolean answerLate = simulator.dice().lateAnswer();
        String outcome = simulator.dice().outcome();
        // With answering-machine detection on, the simulator's callees are people.
        String answeredBy = first(form, "MachineDetection") != null && outcome.equals("completed") ? "human" : null;
        TwilioCall call = new TwilioCall("CA" + HexFormat.of().formatHex(uuidBytes()), to, from, clock.instant(),
                outcome, first(form, "StatusCallback"), Set.copyOf(events), new AtomicInteger(), answeredBy);
        calls.put(call.sid(), call);
        simulator.ledger().countPlaced(callId, call.sid(), call.createdAt());
        if (call.statusCallback() != null) {
            scheduleCallbacks(call, account);
        }
        if (answerLate) {
            Thread.sleep(simulator.settings().lateAnswerMs()); // placed, but the answer comes after the client gave up
        }
        JsonResponses.send(exchange, 201, resource(call, account));
    }

    /** The call resource as Twilio's API answers it. */
    private ObjectNode resource(TwilioCall call, Credentials account) {
        CallLifecycle.Phase phase = simulator.lifecycle().phaseOf(call.createdAt(), call.outcome());
        ObjectNode node = CallApiSimulator.JSON.createObjectNode();
        node.put("sid", call.sid());
        node.put("account_sid", account.accountSid());
        node.put("to", call.to());
        node.put("to_formatted", call.to());
        node.put("from", call.from());
        node.put("from_formatted", call.from());
        node.put("status", phase.status());
        node.put("direction", "outbound-api");
        node.put("api_version", "2010-04-01");
        node.put("date_created", RFC_2822.format(call.createdAt()));
        node.put("date_updated", RFC_2822.format(clock.instant()));
        node.put("start_time", phase.startedAt() == null ? null : RFC_2822.format(phase.startedAt()));
        node.put("end_time", phase.endedAt() == null ? null : RFC_2822.format(phase.endedAt()));
        node.put("duration", phase.endedAt() == null ? null : Long.toString(phase.durationSeconds()));
        node.put("answered_by", phase.startedAt() == null ? null : call.answeredBy());
        node.putNull("price");
        node.put("price_unit", "USD");
        node.putNull("parent_call_sid");
        node.putNull("caller_name");
        node.putNull("forwarded_from");
        node.putNull("group_sid");
        node.putNull("phone_number_sid");
        node.put("queue_time", "0");
        node.putNull("trunk_sid");
        node.put("uri", PREFIX + account.accountSid() + "/Calls/" + call.sid() + ".json");
        node.putObject("subresource_uris");
        return node;
    }

    /** Each requested event at the moment the call reaches it, as Twilio sends them. */
    private void scheduleCallbacks(TwilioCall call, Credentials account) {
        SimulatorSettings s = simulator.settings();
        long answered = s.ringAfterMs() + s.answerAfterMs();
        Map<String, Long> at = new LinkedHashMap<>();
        at.put("initiated", 0L);
        at.put("ringing", s.ringAfterMs());
        if (call.outcome().equals("completed")) {
            at.put("answered", answered);
            at.put("completed", answered + s.talkMs());
        } else {
            at.put("completed", answered);
        }
        at.forEach((event, delay) -> {
            if (call.events().contains(event)) {
                callbacks.schedule(delay, () -> callback(call, account, event));
            }
        });
    }

    private StatusCallbacks.Callback callback(TwilioCall call, Credentials account, String event) {
        String status = switch (event) {
            case "initiated" -> "initiated";
            case "ringing" -> "ringing";
            case "answered" -> "in-progress";
            default -> call.outcome();
        };
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("AccountSid", account.accountSid());
        parameters.put("ApiVersion", "2010-04-01");
        parameters.put("CallSid", call.sid());
        parameters.put("CallStatus", status);
        parameters.put("Called", call.to());
        parameters.put("Caller", call.from());
        parameters.put("Direction", "outbound-api");
        parameters.put("From", call.from());
        parameters.put("To", call.to());
        parameters.put("Timestamp", RFC_2822.format(clock.instant()));
        parameters.put("CallbackSource", "call-progress-events");
        parameters.put("SequenceNumber", Integer.toString(call.sequence().getAndIncrement()));
        if (event.equals("completed")) {
            parameters.put("CallDuration", Long.toString(simulator.lifecycle().phaseOf(call.createdAt(), call.outcome()).durationSeconds()));
        }
        if (call.answeredBy() != null && (event.equals("answered") || event.equals("completed"))) {
            parameters.put("AnsweredBy", call.answeredBy());
        }
        List<String> pairs = new ArrayList<>();
        parameters.forEach((name, value) -> pairs.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return new StatusCallbacks.Callback(URI.create(call.statusCallback()), Map.of(
                "Content-Type", "application/x-www-form-urlencoded",
                "X-Twilio-Signature", signature(account.authToken(), call.statusCallback(), parameters)),
                String.join("&", pairs));
    }

    private static boolean authenticated(HttpExchange exchange, Credentials account) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            return decoded.equals(account.accountSid() + ":" + account.authToken());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] uuidBytes() {
        UUID uuid = UUID.randomUUID();
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(16);
        buffer.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return buffer.array();
    }

    @Override
    public void close() {
        // the simulator closes the shared callbacks
    }
}
