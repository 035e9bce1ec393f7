package io.callscheduler.series;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** A series' local date-times placed in its zone as RFC 5545 (section 3.3.5) places them across daylight saving. */
final class LocalTimes {
    private LocalTimes() {
    }

    /**
     * In the spring gap, the same wall-clock offset after the change (02:30 in a skipped hour is 03:30; 02:15 in
     * Lord Howe's skipped half hour is 02:45); in the repeated autumn hour, the first (earlier-offset) one, once.
     * {@link ZonedDateTime#ofLocal} with no preferred offset does exactly both.
     */
    static Occurrence place(LocalDateTime local, ZoneId zone) {
        ZonedDateTime placed = ZonedDateTime.ofLocal(local, zone, null);
        return new Occurrence(local, placed.toInstant(), placed.getOffset());
    }
}
