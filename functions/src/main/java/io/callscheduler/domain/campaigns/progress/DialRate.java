package io.callscheduler.domain.campaigns.progress;

import java.time.Instant;
import java.util.Map;

/**
 * A campaign's dials a minute over its last {@value #MINUTES} complete minutes, from the dials counted per minute on
 * its item (each in the write that moved its call to DIALING, so exact at any moment). Complete minutes only: the
 * current one is reported apart ({@code thisMinute}), as it would read low for most of its 60 seconds. Pure.
 *
 * @param perMinute  the average of the minutes from {@code from} to {@code to}
 * @param from       the start of the first minute counted
 * @param to         the end of the last (the start of the current minute)
 * @param thisMinute dials so far in the current minute
 */
public record DialRate(double perMinute, Instant from, Instant to, long thisMinute) {
    public static final int MINUTES = 5;

    public static DialRate over(Map<Long, Long> dialsByMinute, Instant now) {
        long current = Math.floorDiv(now.getEpochSecond(), 60);
        long total = 0;
        for (long minute = current - MINUTES; minute < current; minute++) {
            total += dialsByMinute.getOrDefault(minute, 0L);
        }
        return new DialRate(Math.round(10.0 * total / MINUTES) / 10.0, Instant.ofEpochSecond((current - MINUTES) * 60),
                Instant.ofEpochSecond(current * 60), dialsByMinute.getOrDefault(current, 0L));
    }
}
