package io.callscheduler.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The Standard Webhooks {@code webhook-id} of an event: {@code msg_} and 32 hex digits (128 bits) of SHA-256 over the
 * item's key, its revision and the event type. Deterministic, so that a stream record processed twice (Lambda retries
 * a failed batch) yields the same id and a receiver that deduplicates on it sees the event once.
 */
public final class WebhookIds {
    public static final String PREFIX = "msg_";
    private static final int BYTES = 16;

    private WebhookIds() {
    }

    public static String of(String key, String revision, EventType type) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            // NUL separators: no key/revision split can produce another's input.
            byte[] hash = digest.digest((key + '\0' + revision + '\0' + type.wireName()).getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(hash, 0, BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
