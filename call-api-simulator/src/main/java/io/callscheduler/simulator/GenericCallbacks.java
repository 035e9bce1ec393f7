package io.callscheduler.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The generic contract's status callbacks: the call as {@code GET /calls/{id}} shows it, at ringing, answer and
 * end, signed in {@code X-Call-Signature} with the shared callback secret.
 */
final class GenericCallbacks {
    private final Clock clock;
    private final Supplier<SimulatorSettings> settings;
    private final StatusCallbacks callbacks;
    private final Function<GenericCall, ObjectNode> view;
    private volatile String callbackSecret;

    GenericCallbacks(Clock clock, Supplier<SimulatorSettings> settings, StatusCallbacks callbacks,
                     Function<GenericCall, ObjectNode> view, String callbackSecret) {
        this.clock = clock;
        this.settings = settings;
        this.callbacks = callbacks;
        this.view = view;
        this.callbackSecret = callbackSecret;
    }

    /** Signs callbacks with another secret from now on. */
    void useSecret(String secret) {
        this.callbackSecret = Objects.requireNonNull(secret, "secret");
    }

    String secret() {
        return callbackSecret;
    }

    void schedule(GenericCall call) {
        SimulatorSettings s = settings.get();
        long answered = s.ringAfterMs() + s.answerAfterMs();
        List<Long> moments = new ArrayList<>(List.of(s.ringAfterMs(), answered));
        if (call.outcome().equals("completed")) {
            moments.add(answered + s.talkMs());
        }
        for (long moment : moments) {
            callbacks.schedule(moment, () -> {
                ObjectNode body = view.apply(call);
                body.put("sequence", call.sequence().getAndIncrement());
                body.put("timestamp", clock.instant().toString());
                ObjectNode metadata = body.putObject("metadata").put("callId", call.callId());
                if (call.round() > 1) {
                    metadata.put("round", call.round());
                }
                byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
                return new StatusCallbacks.Callback(URI.create(call.callbackUrl()), Map.of(
                        "Content-Type", "application/json", "X-Call-Signature", signature(callbackSecret, bytes)),
                        body.toString());
            });
        }
    }

    /** {@code sha256=} and the hex HMAC-SHA256 of the body, keyed with the shared callback secret. */
    static String signature(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }
}
