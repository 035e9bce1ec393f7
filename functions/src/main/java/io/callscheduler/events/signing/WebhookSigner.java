package io.callscheduler.events.signing;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Signs a webhook message as the Standard Webhooks specification says: {@code webhook-id}, {@code webhook-timestamp}
 * (Unix seconds) and {@code webhook-signature}, {@code v1,} + base64 of HMAC-SHA256(key, "id.timestamp.body"), one
 * per secret, separated by spaces: during a rotation both the new and the previous secret sign, and a receiver that
 * knows either accepts the message.
 */
public final class WebhookSigner {
    public static final String ID = "webhook-id";
    public static final String TIMESTAMP = "webhook-timestamp";
    public static final String SIGNATURE = "webhook-signature";

    private WebhookSigner() {
    }

    /**
     * The three headers for a message.
     *
     * @param secrets the endpoint's signing secrets in force ({@code whsec_...}), newest first; at least one
     */
    public static Map<String, String> headers(String messageId, Instant timestamp, String body, List<String> secrets) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("a message is signed with at least one secret");
        }
        String seconds = Long.toString(timestamp.getEpochSecond());
        byte[] signed = (messageId + "." + seconds + "." + body).getBytes(StandardCharsets.UTF_8);
        List<String> signatures = new ArrayList<>();
        for (String secret : secrets) {
            signatures.add("v1," + Base64.getEncoder().encodeToString(hmac(SigningSecret.keyOf(secret), signed)));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(ID, messageId);
        headers.put(TIMESTAMP, seconds);
        headers.put(SIGNATURE, String.join(" ", signatures));
        return headers;
    }

    private static byte[] hmac(byte[] key, byte[] content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(content);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is in every JDK", e);
        }
    }
}
