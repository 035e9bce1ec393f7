package io.callscheduler.destinations;

import java.time.LocalDate;
import java.util.Objects;

/**
 * At most {@code max} dial attempts to one number on one UTC day, redials included. A call's first attempt is
 * counted as the store writes the call, in the same transaction, so a refused create writes nothing and concurrent
 * creates cannot overshoot; later attempts are counted by the dispatch before they are dialed ({@link DailyRings}).
 */
public record NumberQuota(String phoneNumber, LocalDate day, int max) {
    public NumberQuota {
        Objects.requireNonNull(phoneNumber, "phoneNumber");
        Objects.requireNonNull(day, "day");
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, not " + max);
        }
    }
}
