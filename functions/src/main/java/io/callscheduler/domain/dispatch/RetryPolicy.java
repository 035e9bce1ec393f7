package io.callscheduler.domain.dispatch;

import io.callscheduler.snapstart.RestoreSafeRandom;
import io.callscheduler.telephony.CallApiException;

import java.time.Duration;

/**
 * How often a transient Call API failure is retried at once, within one dispatch attempt (a blip of a
 * second or two); longer outages wait in minutes between attempts (see DispatchService.Settings).
 *
 * @param maxAttempts    requests in all, the first included
 * @param initialBackoff wait before the first retry; doubles after each, plus up to 50% jitter
 * @param maxBackoff     cap on one wait, including a provider's Retry-After
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
    /** Two requests about a second apart (a provider's Retry-After is honoured up to 5 s). */
    public static final RetryPolicy DEFAULT = new RetryPolicy(2, Duration.ofSeconds(1), Duration.ofSeconds(5));

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
        long jittered = base + RestoreSafeRandom.nextLong(base / 2 + 1);
        return Duration.ofMillis(Math.min(jittered, maxBackoff.toMillis()));
    }
}
