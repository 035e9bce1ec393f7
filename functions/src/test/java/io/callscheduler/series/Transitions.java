package io.callscheduler.series;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;

/** A zone's daylight-saving changes of a year, found from its rules: no test assumes a year's calendar. */
final class Transitions {
    /** A year far enough ahead that no test reads as past; its dates are all derived from the zone's rules. */
    static final int YEAR = 2031;

    private Transitions() {
    }

    /** The year's spring change (a gap) or autumn change (an overlap) in {@code zone}. */
    static ZoneOffsetTransition of(ZoneId zone, boolean gap) {
        ZoneOffsetTransition transition = zone.getRules().nextTransition(
                LocalDate.of(YEAR, 1, 1).atStartOfDay(zone).toInstant());
        while (transition.isGap() != gap) {
            transition = zone.getRules().nextTransition(transition.getInstant());
        }
        return transition;
    }

    /** A local time in the middle of the skipped (gap) or repeated (overlap) interval. */
    static LocalDateTime middle(ZoneOffsetTransition transition) {
        LocalDateTime start = transition.isGap() ? transition.getDateTimeBefore() : transition.getDateTimeAfter();
        return start.plus(transition.getDuration().abs().dividedBy(2));
    }
}
