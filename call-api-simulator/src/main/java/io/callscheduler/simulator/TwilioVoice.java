package io.callscheduler.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.function.Supplier;
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
 *       {@code X-Twilio-Signature} computed with the Auth Token;</li>
 *   <li>a key pressed ({@code pressDigit}): during an answered call whose {@code Twiml} has a
 *       {@code <Gather action>}, a form-encoded POST of {@code Digits} to that action, signed the same way.</li>
 * </ul>
 * The lifecycle (timings and busy/no-answer/failed shares) and the fault knobs are the simulator's own, shared
 * with the generic contract. Errors have Twilio's shape: {@code {"code", "message", "more_info", "status"}}.
 */
public final class TwilioVoice implements AutoCloseable {
    static final String PREFIX = "/2010-04-01/Accounts/";
    private static final Pattern CALLS = Pattern.compile("/2010-04-01/Accounts/([^/]+)/Calls\\.json");
    private static final Pattern CALL = Pattern.compile("/2010-04-01/Accounts/([^/]+)/Calls/([^/]+)\\.json");

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
            return new Credentials(TEST_ACCOUNT_SID, HexFormat.of().formatHex(token));
        }

        /** Never the Auth Token, should a record be logged: whoever reads it can sign callbacks. */
        @Override
        public String toString() {
            return "Credentials[account " + accountSid + "]";
        }
    }

    private volatile Credentials credentials;
    private final Map<String, TwilioCall> calls = new ConcurrentHashMap<>();
    private final TwilioCallResource resources;
    private final TwilioCallPlacement placement;

    TwilioVoice(Credentials credentials, Clock clock, Supplier<SimulatorSettings> settings, Dice dice,
                CallLifecycle lifecycle, DialLedger ledger, StatusCallbacks callbacks) {
        this.credentials = credentials;
        this.resources = new TwilioCallResource(clock, lifecycle);
        this.placement = new TwilioCallPlacement(clock, settings, dice, ledger, resources,
                new TwilioStatusCallbacks(clock, settings, lifecycle, callbacks),
                new TwilioKeypresses(settings, callbacks), calls);
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
        return TwilioStatusCallbacks.signature(authToken, url, parameters);
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
            placement.place(exchange, account);
        } else if (list.matches() && method.equals("GET") && list.group(1).equals(account.accountSid())) {
            list(exchange, account);
        } else if (one.matches() && method.equals("GET") && one.group(1).equals(account.accountSid())) {
            TwilioCall call = calls.get(one.group(2));
            if (call == null) {
                TwilioErrors.send(exchange, 404, 20404, "The requested resource " + path + " was not found");
            } else {
                JsonResponses.send(exchange, 200, resources.render(call, account));
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
                .map(call -> resources.render(call, account))
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

    @Override
    public void close() {
        // the simulator closes the shared callbacks
    }
}
