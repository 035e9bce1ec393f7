package io.callscheduler.events.retry;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether an endpoint has failed long enough to be disabled: since its first failed attempt with no success after it
 * ({@code failingSince}, null while it succeeds), {@link #DISABLE_AFTER} at most. Any success resets it. (410 Gone
 * disables at once: {@link RetrySchedule.Outcome#DISABLE_ENDPOINT}.)
 */
public record EndpointHealth(Instant failingSince) {
    public static final Duration DISABLE_AFTER = Duration.ofDays(5);
    public static final EndpointHealth HEALTHY = new EndpointHealth(null);

    public EndpointHealth afterSuccess() {
        return HEALTHY;
    }

    /** A failure keeps the first failure's time: the 5 days run from it. */
    public EndpointHealth afterFailure(Instant now) {
        return failingSince != null ? this : new EndpointHealth(now);
    }

    /** Whether it has failed, with no success, for {@link #DISABLE_AFTER} or longer at {@code now}. */
    public boolean shouldDisable(Instant now) {
        return failingSince != null && !now.isBefore(failingSince.plus(DISABLE_AFTER));
    }
}
