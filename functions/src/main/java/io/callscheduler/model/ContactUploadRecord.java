package io.callscheduler.model;

import java.time.Instant;
import java.util.Objects;

/**
 * What a contacts upload with an {@code Idempotency-Key} left behind: the answer it gave, for which request (its
 * fingerprint: the file and the parameters), and until when a retry with the same key is answered with it.
 */
public record ContactUploadRecord(String campaignId, String key, String requestFingerprint, ContactUploadAnswer answer,
                                  Instant expiresAt) {
    public ContactUploadRecord {
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(requestFingerprint, "requestFingerprint");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean isLiveAt(Instant now) {
        return expiresAt.isAfter(now);
    }
}
