package io.callscheduler.events.signing;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * A Standard Webhooks signing secret: {@code whsec_} followed by the base64 of the key's bytes. The key is what the
 * HMAC uses; the prefix only tells a reader what the string is.
 */
public final class SigningSecret {
    public static final String PREFIX = "whsec_";
    /** Within the specification's 24 to 64 bytes; 32 is the size of HMAC-SHA256's own output. */
    static final int KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SigningSecret() {
    }

    /** A fresh secret from the JDK's SecureRandom (NativePRNG on Linux, fresh OS entropy per call). */
    public static String generate() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The key's bytes: the base64 after the prefix (which the specification lets a sender omit). */
    static byte[] keyOf(String secret) {
        String encoded = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
        return Base64.getDecoder().decode(encoded);
    }
}
