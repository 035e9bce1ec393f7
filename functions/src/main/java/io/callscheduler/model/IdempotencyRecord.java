package io.callscheduler.model;

import java.time.Instant;
import java.util.Objects;

/**
 * What a create request with an {@code Idempotency-Key} left behind: which call it created, from which
 * request (its fingerprint), and until when a retry with the same key answers with that call.
 */
public record IdempotencyRecord(String key, String requestFingerprint, String callId, Instant expiresAt) {
    public IdempotencyRecord {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(requestFingerprint, "requestFingerprint");
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean isLiveAt(Instant now) {
        return expiresAt.isAfter(now);
    }
}
