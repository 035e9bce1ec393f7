package io.callscheduler.events.retry;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether an endpoint has failed long enough to be disabled: a streak of failed attempts with no success among them,
 * from {@code failingSince} to {@code lastFailureAt} (both null while it succeeds), {@link #DISABLE_AFTER} at most. A
 * success ends the streak; so does a quiet spell longer than {@link #STREAK_GAP}, after which no message can still be
 * failing at it, so one failure after a quiet week starts a new streak instead of disabling at once. (410 Gone
 * disables at once: {@link RetrySchedule.Outcome#DISABLE_ENDPOINT}.)
 */
public record EndpointHealth(Instant failingSince, Instant lastFailureAt) {
    public static final Duration DISABLE_AFTER = Duration.ofDays(5);
    /**
     * No failure for longer than the schedule's longest wait ends the streak, with an hour's slack: the gap between
     * two failures measured at their writes also holds an attempt's 15 s, the 15-minute hops' rounding and queue lag,
     * and a retry due at the longest jittered wait must not start the streak again.
     */
    public static final Duration STREAK_GAP = RetrySchedule.LONGEST_WAIT.plusHours(1);
    public static final EndpointHealth HEALTHY = new EndpointHealth(null, null);

    public EndpointHealth afterSuccess() {
        return HEALTHY;
    }

    /** A failure within {@link #STREAK_GAP} of the last one keeps the streak's start: the 5 days run from it. */
    public EndpointHealth afterFailure(Instant now) {
        return continuesStreak(lastFailureAt, now) ? new EndpointHealth(failingSince, now) : new EndpointHealth(now, now);
    }

    /** Whether a failure at {@code now} belongs to the streak whose last failure was {@code lastFailureAt}. */
    public static boolean continuesStreak(Instant lastFailureAt, Instant now) {
        return lastFailureAt != null && !now.isAfter(lastFailureAt.plus(STREAK_GAP));
    }

    /** Whether it has failed, with no success, for {@link #DISABLE_AFTER} or longer at {@code now}. */
    public boolean shouldDisable(Instant now) {
        return failingSince != null && !now.isBefore(failingSince.plus(DISABLE_AFTER));
    }
}
