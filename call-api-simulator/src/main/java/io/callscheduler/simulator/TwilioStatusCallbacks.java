package io.callscheduler.simulator;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Twilio's status callbacks: a form-encoded POST to {@code StatusCallback} for each requested
 * {@code StatusCallbackEvent}, with Twilio's fields and an {@code X-Twilio-Signature} keyed with the Auth Token.
 */
final class TwilioStatusCallbacks {
    private final Clock clock;
    private final Supplier<SimulatorSettings> settings;
    private final CallLifecycle lifecycle;
    private final StatusCallbacks callbacks;

    TwilioStatusCallbacks(Clock clock, Supplier<SimulatorSettings> settings, CallLifecycle lifecycle,
                          StatusCallbacks callbacks) {
        this.clock = clock;
        this.settings = settings;
        this.lifecycle = lifecycle;
        this.callbacks = callbacks;
    }

    /** Each requested event at the moment the call reaches it, as Twilio sends them. */
    void schedule(TwilioCall call, TwilioVoice.Credentials account) {
        SimulatorSettings s = settings.get();
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

    private StatusCallbacks.Callback callback(TwilioCall call, TwilioVoice.Credentials account, String event) {
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
        parameters.put("Timestamp", TwilioCallResource.RFC_2822.format(clock.instant()));
        parameters.put("CallbackSource", "call-progress-events");
        parameters.put("SequenceNumber", Integer.toString(call.sequence().getAndIncrement()));
        if (event.equals("completed")) {
            parameters.put("CallDuration", Long.toString(lifecycle.phaseOf(call.createdAt(), call.outcome()).durationSeconds()));
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

    /** The signature Twilio puts in {@code X-Twilio-Signature}: HMAC-SHA1 of the URL and the sorted parameters. */
    static String signature(String authToken, String url, Map<String, String> parameters) {
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
}
