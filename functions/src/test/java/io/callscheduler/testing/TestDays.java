package io.callscheduler.testing;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.time.zone.ZoneOffsetTransition;
import java.util.Arrays;

/**
 * Days for a test's clock found from today by the zones' own rules, so that no test pins a calendar date and every
 * day it picks is ahead of the real clock (which DynamoDB Local's TTL, key expiries and the emulated scheduler read).
 */
public final class TestDays {
    /** How far ahead a change is looked for: a start a few days before it is still in the future. */
    static final Duration AHEAD = Duration.ofDays(7);
    /** How long around a quiet day no zone changes its offset: longer than any test's run of occurrences. */
    static final int QUIET_DAYS = 14;

    private TestDays() {
    }

    /**
     * The next Monday at least a day ahead (UTC) whose surroundings (the day before, the {@value #QUIET_DAYS} after)
     * hold no offset change in any of {@code zones}: a plain week, as a date in February would be.
     */
    public static LocalDate quietMonday(ZoneId... zones) {
        return quietMonday(LocalDate.now(ZoneOffset.UTC), zones);
    }

    static LocalDate quietMonday(LocalDate today, ZoneId... zones) {
        LocalDate monday = today.plusDays(1).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
        while (changesAround(zones, monday)) {
            monday = monday.plusWeeks(1);
        }
        return monday;
    }

    static boolean changesAround(ZoneId[] zones, LocalDate day) {
        // A day's margin either side covers every zone's local day against UTC's.
        Instant from = day.minusDays(2).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = day.plusDays(QUIET_DAYS + 2).atStartOfDay(ZoneOffset.UTC).toInstant();
        return Arrays.stream(zones).map(zone -> zone.getRules().nextTransition(from))
                .anyMatch(next -> next != null && next.getInstant().isBefore(to));
    }

    /** The zone's next spring change (a gap) at least a week from now, whatever today is. */
    public static ZoneOffsetTransition nextSpringChange(ZoneId zone) {
        return nextSpringChange(zone, Instant.now());
    }

    static ZoneOffsetTransition nextSpringChange(ZoneId zone, Instant now) {
        return nextChange(zone, now.plus(AHEAD), true);
    }

    /** The zone's first autumn change (an overlap) after {@code after}. */
    public static ZoneOffsetTransition nextAutumnChange(ZoneId zone, Instant after) {
        return nextChange(zone, after, false);
    }

    private static ZoneOffsetTransition nextChange(ZoneId zone, Instant after, boolean gap) {
        ZoneOffsetTransition transition = zone.getRules().nextTransition(after);
        while (transition != null && transition.isGap() != gap) {
            transition = zone.getRules().nextTransition(transition.getInstant());
        }
        if (transition == null) {
            throw new IllegalStateException(zone + " has no " + (gap ? "spring" : "autumn")
                    + " change ahead in this JDK's zone rules: the test needs one");
        }
        return transition;
    }
}
