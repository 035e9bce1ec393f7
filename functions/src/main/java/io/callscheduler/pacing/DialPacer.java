package io.callscheduler.pacing;

import java.time.Duration;
import java.time.Instant;

/**
 * Spaces dials to the provider's rate: each dial first reserves a slot, the next free moment at or after
 * {@code earliest}, and slots are at least {@link #interval()} apart across every concurrent dispatcher.
 */
public interface DialPacer {
    /** The moment this dial may go to the provider; never before {@code earliest}. */
    Instant reserve(Instant earliest);

    /** The spacing of slots. */
    Duration interval();

    /** Human words for the rate, for history notes ("1/s"). */
    String describe();

    /** No pacing: every dial may go at once. */
    DialPacer UNLIMITED = new DialPacer() {
        @Override
        public Instant reserve(Instant earliest) {
            return earliest;
        }

        @Override
        public Duration interval() {
            return Duration.ZERO;
        }

        @Override
        public String describe() {
            return "no limit";
        }
    };

    /**
     * The spacing for a rate: {@code 1 s / callsPerSecond}, plus a margin of 30 ms so that a dial sent a
     * little late and the next on time still fall in separate windows of the provider's limit.
     */
    static Duration intervalFor(double callsPerSecond) {
        if (callsPerSecond <= 0) {
            throw new IllegalArgumentException("callsPerSecond must be positive");
        }
        return Duration.ofMillis(Math.round(1000 / callsPerSecond) + 30);
    }

    static String describe(double callsPerSecond) {
        return (callsPerSecond == Math.rint(callsPerSecond) ? Long.toString((long) callsPerSecond)
                : Double.toString(callsPerSecond)) + "/s";
    }
}
