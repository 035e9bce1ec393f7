package io.callscheduler.domain.dispatch;

import io.callscheduler.domain.Sleeper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Waiting inline, and whether a wait still leaves time for a provider request before the caller's deadline. */
final class Waits {
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration requestBudget;

    Waits(Clock clock, Sleeper sleeper, Duration requestBudget) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.requestBudget = requestBudget;
    }

    /** Whether a request can still start after waiting {@code wait} and end before {@code deadline}. */
    boolean timeLeftFor(Duration wait, Instant deadline) {
        return deadline.equals(Instant.MAX) || clock.instant().plus(wait).plus(requestBudget).isBefore(deadline);
    }

    /** Waits until {@code moment}; returns at once when it has passed. */
    void until(Instant moment) {
        pause(Duration.between(clock.instant(), moment));
    }

    void pause(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            return;
        }
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}
