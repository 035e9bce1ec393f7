package io.callscheduler.domain;

import io.callscheduler.telephony.CallApiException;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how patiently a transient Call API failure is retried within one dispatch.
 *
 * @param maxAttempts    requests in all, the first included
 * @param initialBackoff wait before the first retry; doubles after each, plus up to 50% jitter
 * @param maxBackoff     cap on one wait, including a provider's Retry-After
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
    /** Four attempts over about 3.5 s of backoff: well inside the dispatch function's timeout. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(5));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /** The wait before attempt {@code attempt + 1}, after attempt {@code attempt} (1-based) failed with {@code e}. */
    public Duration backoffAfter(int attempt, CallApiException e) {
        if (e.retryAfter() != null) {
            return e.retryAfter().compareTo(maxBackoff) > 0 ? maxBackoff : e.retryAfter();
        }
        long base = initialBackoff.toMillis() << Math.min(attempt - 1, 20);
        long jittered = base + ThreadLocalRandom.current().nextLong(base / 2 + 1);
        return Duration.ofMillis(Math.min(jittered, maxBackoff.toMillis()));
    }
}
