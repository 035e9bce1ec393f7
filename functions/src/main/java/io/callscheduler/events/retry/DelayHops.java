package io.callscheduler.events.retry;

import java.time.Duration;
import java.time.Instant;

/**
 * An SQS message can be delayed 15 minutes at most: a retry due later is re-sent with the longest delay allowed and
 * its not-before time, and re-sent again on arrival until it is due. This says how long the next hop waits.
 */
public final class DelayHops {
    public static final Duration MAX_DELAY = Duration.ofMinutes(15);

    private DelayHops() {
    }

    /** min(remaining, 15 min), in whole seconds rounded up (never early), 0 when due. */
    public static Duration nextHop(Instant notBefore, Instant now) {
        if (!notBefore.isAfter(now)) {
            return Duration.ZERO;
        }
        Duration remaining = Duration.between(now, notBefore);
        long seconds = remaining.getSeconds() + (remaining.getNano() > 0 ? 1 : 0);
        return seconds >= MAX_DELAY.getSeconds() ? MAX_DELAY : Duration.ofSeconds(seconds);
    }

    /** Whether a message that arrives at {@code now} is due, or must hop again. */
    public static boolean due(Instant notBefore, Instant now) {
        return !notBefore.isAfter(now);
    }
}
