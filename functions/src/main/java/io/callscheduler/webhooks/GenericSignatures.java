package io.callscheduler.webhooks;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The generic contract's callback signature: {@code X-Call-Signature: sha256=<hex>}, the HMAC-SHA256 of the
 * raw request body keyed with the shared callback secret (the README's "Call API contract").
 */
public final class GenericSignatures {
    public static final String HEADER = "X-Call-Signature";

    private GenericSignatures() {
    }

    public static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }

    /** Constant-time; false for a missing signature or secret. */
    public static boolean isValid(String secret, byte[] body, String signature) {
        if (secret == null || signature == null || signature.isBlank()) {
            return false;
        }
        return MessageDigest.isEqual(sign(secret, body).getBytes(StandardCharsets.UTF_8),
                signature.strip().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8));
    }
}
