package io.callscheduler.series;

import java.time.Instant;
import java.util.Objects;

/**
 * What a POST /series with an {@code Idempotency-Key} left behind: the series it created, from which request (its
 * fingerprint), and until when a retry with the same key answers with that series.
 */
public record SeriesIdempotencyRecord(String key, String requestFingerprint, String seriesId, Instant expiresAt) {
    public SeriesIdempotencyRecord {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(requestFingerprint, "requestFingerprint");
        Objects.requireNonNull(seriesId, "seriesId");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean isLiveAt(Instant now) {
        return expiresAt.isAfter(now);
    }
}
