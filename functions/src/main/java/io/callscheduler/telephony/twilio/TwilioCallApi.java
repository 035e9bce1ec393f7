package io.callscheduler.telephony.twilio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callscheduler.secrets.ProviderSecrets;
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
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Twilio Programmable Voice's REST API ({@code 2010-04-01}): creates calls with {@code POST .../Calls.json}
 * (form-encoded, HTTP Basic auth), reads them with {@code GET .../Calls/{Sid}.json}. Status comes back by
 * signed callbacks to {@code /webhooks/twilio/status?callId=...}.
 *
 * <p>Twilio has no idempotency key. A retry after a lost answer is made safe by {@link #findPlaced}: the
 * calls Twilio created to the same number from the same caller ID since the attempt began (Twilio lists
 * the newest first); the earliest of them is ours. Thread-safe; one per container.
 */
public final class TwilioCallApi implements CallApi {
    /** Where Twilio posts status callbacks, under the API's public URL. */
    public static final String CALLBACK_PATH = "/webhooks/twilio/status";
    /** Where Twilio posts the key a callee pressed to opt out ({@code <Gather action>}), under the API's public URL. */
    public static final String OPT_OUT_PATH = "/webhooks/twilio/opt-out";
    /** Twilio's limit on the Twiml parameter. */
    static final int MAX_TWIML = 4000;
    /** Clock difference allowed between us and Twilio when matching a call to an attempt. */
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> EVENTS = List.of("initiated", "ringing", "answered", "completed");

    /**
     * @param apiBaseUrl       {@code https://api.twilio.com}, or a stand-in (TwilioApiBaseUrl)
     * @param fromNumber       the default caller ID (TwilioFromNumber)
     * @param publicApiUrl     the API's public URL, under which Twilio's callbacks arrive
     * @param readTimeout      how long to wait for an answer once connected
     * @param machineDetection Twilio's MachineDetection ({@code Enable}, {@code DetectMessageEnd}) or null for off
     * @param ringTimeout      how long Twilio lets the phone ring (its {@code Timeout})
     * @param optOutDigit      the deployment's opt-out key (OptOutDigit), or null for off; a call's own wins
     */
    public record Settings(URI apiBaseUrl, String fromNumber, URI publicApiUrl, Duration readTimeout,
                           String machineDetection, Duration ringTimeout, String optOutDigit) {
        public Settings {
            Objects.requireNonNull(apiBaseUrl, "apiBaseUrl");
            Objects.requireNonNull(publicApiUrl, "publicApiUrl");
            Objects.requireNonNull(readTimeout, "readTimeout");
            Objects.requireNonNull(ringTimeout, "ringTimeout");
        }

        /** Settings without an opt-out. */
        public Settings(URI apiBaseUrl, String fromNumber, URI publicApiUrl, Duration readTimeout,
                        String machineDetection, Duration ringTimeout) {
            this(apiBaseUrl, fromNumber, publicApiUrl, readTimeout, machineDetection, ringTimeout, null);
        }
    }

    private final ProviderHttp http;
    private final Settings settings;
    private final ProviderSecrets secrets;
    private final String apiBase;
    private final String callbackBase;
    private final String optOutBase;

    public TwilioCallApi(ProviderHttp http, Settings settings, ProviderSecrets secrets) {
        this.http = Objects.requireNonNull(http, "http");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.apiBase = stripSlash(settings.apiBaseUrl().toString());
        this.callbackBase = stripSlash(settings.publicApiUrl().toString()) + CALLBACK_PATH;
        this.optOutBase = stripSlash(settings.publicApiUrl().toString()) + OPT_OUT_PATH;
    }

    @Override
    public ProviderCall placeCall(DialRequest dial) {
        String from = dial.script().callerId() != null ? dial.script().callerId() : settings.fromNumber();
        if (from == null) {
            throw CallApiException.rejected("no caller ID: set TwilioFromNumber, or give the call a callerId", 0);
        }
        List<String> form = new ArrayList<>();
        add(form, "To", dial.to());
        add(form, "From", from);
        if (dial.script().twimlUrl() != null) {
            add(form, "Url", dial.script().twimlUrl());
            add(form, "Method", "GET");
        } else {
            String twiml = Twiml.say(dial.script(), optOut(dial));
            if (twiml.length() > MAX_TWIML) {
                throw CallApiException.rejected("the message is too long for Twilio once escaped as TwiML ("
                        + twiml.length() + " of at most " + MAX_TWIML + " characters)", 0);
            }
            add(form, "Twiml", twiml);
        }
        add(form, "StatusCallback", statusCallbackUrl(dial.callId(), dial.round()));
        add(form, "StatusCallbackMethod", "POST");
        EVENTS.forEach(event -> add(form, "StatusCallbackEvent", event));
        add(form, "Timeout", Long.toString(settings.ringTimeout().toSeconds()));
        if (settings.machineDetection() != null) {
            add(form, "MachineDetection", settings.machineDetection());
        }
        return send(credentials -> request(credentials, "/Calls.json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(String.join("&", form))).build(), "POST Calls.json",
                TwilioCallApi::parseCall);
    }

    /**
     * The URL Twilio posts this call's status to; its {@code callId} marks the call as ours, and {@code round}
     * (redials only) which attempt, so that late callbacks of an earlier attempt are told apart.
     */
    public String statusCallbackUrl(String callId, int round) {
        return callbackBase + "?callId=" + URLEncoder.encode(callId, StandardCharsets.UTF_8) + (round > 1 ? "&round=" + round : "");
    }

    /** The call's own opt-out key (a campaign's), else the deployment's; null when neither is set. */
    private Twiml.OptOut optOut(DialRequest dial) {
        String digit = dial.script().optOutDigit() != null ? dial.script().optOutDigit() : settings.optOutDigit();
        return digit == null ? null : new Twiml.OptOut(digit, optOutUrl(dial.callId()));
    }

    /** Where Twilio posts the key pressed during this call: signed by Twilio like the status callbacks. */
    public String optOutUrl(String callId) {
        return optOutBase + "?callId=" + URLEncoder.encode(callId, StandardCharsets.UTF_8);
    }

    @Override
    public ProviderCall getCall(String externalCallId) {
        String path = "/Calls/" + URLEncoder.encode(externalCallId, StandardCharsets.UTF_8) + ".json";
        return send(credentials -> request(credentials, path).GET().build(), "GET Calls/{Sid}.json",
                TwilioCallApi::parseCall);
    }

    /** Twilio's create takes no idempotency key: sending it again after a lost answer is a second phone call. */
    @Override
    public boolean idempotentCreates() {
        return false;
    }

    @Override
    public Optional<ProviderCall> findPlaced(DialRequest dial) {
        String from = dial.script().callerId() != null ? dial.script().callerId() : settings.fromNumber();
        String query = "?To=" + URLEncoder.encode(dial.to(), StandardCharsets.UTF_8)
                + (from == null ? "" : "&From=" + URLEncoder.encode(from, StandardCharsets.UTF_8)) + "&PageSize=50";
        Instant since = dial.attemptStartedAt().minus(CLOCK_SKEW);
        List<ProviderCall> candidates = send(credentials -> request(credentials, "/Calls.json" + query).GET().build(),
                "GET Calls.json?To", body -> parseList(body, since));
        return candidates.stream().findFirst();
    }

    private <T> T send(java.util.function.Function<TwilioCredentials, HttpRequest> request, String what,
                       java.util.function.Function<String, T> parse) {
        TwilioCredentials credentials;
        try {
            credentials = TwilioCredentials.from(secrets);
        } catch (RuntimeException unreadable) {
            // Secrets Manager down, the secret deleted or incomplete: nothing is sent, and the call waits to retry.
            throw CallApiException.notSent("the Twilio credentials could not be read: " + unreadable.getMessage(), unreadable);
        }
        try {
            return http.send(request.apply(credentials), what, TwilioCallApi::errorText, parse);
        } catch (CallApiException e) {
            if (e.httpStatus() == 401) {
                // Credentials rotated under us: read them again, and treat this as passing so the call is retried.
                secrets.refresh();
                throw CallApiException.transientFailure(e.getMessage() + " (credentials refused; re-reading them)",
                        401, null, e);
            }
            throw e;
        }
    }

    private HttpRequest.Builder request(TwilioCredentials credentials, String path) {
        String basic = Base64.getEncoder().encodeToString((credentials.username() + ":" + credentials.password())
                .getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(apiBase + "/2010-04-01/Accounts/"
                        + URLEncoder.encode(credentials.accountSid(), StandardCharsets.UTF_8) + path))
                .timeout(settings.readTimeout())
                .header("Accept", "application/json")
                .header("Authorization", "Basic " + basic);
    }

    /** Twilio's call resource: {@code sid}, {@code status}, {@code duration} (a string), {@code answered_by}. */
    static ProviderCall parseCall(String body) {
        try {
            return parseCall(JSON.readTree(body));
        } catch (IOException e) {
            throw CallApiException.transientFailure("Twilio answered malformed JSON", 200, null, e);
        }
    }

    private static ProviderCall parseCall(JsonNode node) {
        String sid = node.path("sid").asText(null);
        String status = node.path("status").asText(null);
        if (sid == null || status == null) {
            throw CallApiException.transientFailure("Twilio answered a call without sid or status", 200, null, null);
        }
        return new ProviderCall(sid, status, null, integer(node.get("duration")), text(node.get("answered_by")));
    }

    /** The calls of a list page created at or after {@code since}, oldest first. */
    private static List<ProviderCall> parseList(String body, Instant since) {
        try {
            JsonNode calls = JSON.readTree(body).path("calls");
            List<JsonNode> matching = new ArrayList<>();
            for (JsonNode call : calls) {
                Instant created = rfc2822(call.path("date_created").asText(null));
                if (created != null && !created.isBefore(since)) {
                    matching.add(call);
                }
            }
            matching.sort(Comparator.comparing(call -> rfc2822(call.path("date_created").asText())));
            return matching.stream().map(TwilioCallApi::parseCall).toList();
        } catch (IOException e) {
            throw CallApiException.transientFailure("Twilio answered malformed JSON", 200, null, e);
        }
    }

    /** Twilio's error body {@code {"code", "message", "more_info", "status"}} as one line. */
    static String errorText(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node.has("code") && node.has("message")) {
                return "Twilio error " + node.get("code").asText() + ": " + node.get("message").asText();
            }
        } catch (IOException notJson) {
            // fall through to the raw body
        }
        return ProviderHttp.abbreviate(body);
    }

    private static Instant rfc2822(String text) {
        if (text == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Integer integer(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            return Integer.valueOf(node.asText().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static void add(List<String> form, String name, String value) {
        form.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
