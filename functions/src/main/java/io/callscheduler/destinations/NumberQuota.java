package io.callscheduler.destinations;

import java.time.LocalDate;
import java.util.Objects;

/**
 * At most {@code max} calls created for one number on one day (UTC): the store counts them as it writes them,
 * in the same transaction as the call, so a refused call writes nothing and concurrent creates cannot overshoot.
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
