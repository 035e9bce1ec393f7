package io.callscheduler.model;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Which of a call's dial attempts has been counted against its number's daily cap (MaxCallsPerNumberPerDay), and on
 * which UTC day: an attempt dialed on the day it was counted for is not counted again, however often its dispatch is
 * retried or parked.
 */
public record CountedRing(int round, LocalDate day) {
    public CountedRing {
        Objects.requireNonNull(day, "day");
        if (round < 1) {
            throw new IllegalArgumentException("round must be at least 1, not " + round);
        }
    }
}
