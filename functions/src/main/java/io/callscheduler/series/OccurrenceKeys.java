package io.callscheduler.series;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * The idempotency key an occurrence's call carries: the series and the occurrence's local date-time, so that
 * two rollers (or one after a crash) creating the same occurrence create one call. The local date-time, not the
 * instant, names it: it is what the rule produced, and it stays the same if the zone's rules move the instant.
 */
public final class OccurrenceKeys {
    /** Always with seconds, so that 09:30 and 09:30:00 are one key. */
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    private static final String PREFIX = "series:";
    /** The longest series id that keeps the key within Idempotency-Key's 255 printable ASCII characters. */
    static final int MAX_SERIES_ID_LENGTH = 200;

    private OccurrenceKeys() {
    }

    /** For example {@code series:4f1c...:2027-03-14T02:30:00}. */
    public static String occurrenceKey(String seriesId, LocalDateTime local) {
        Objects.requireNonNull(seriesId, "seriesId");
        Objects.requireNonNull(local, "local");
        if (seriesId.isEmpty() || seriesId.length() > MAX_SERIES_ID_LENGTH
                || !seriesId.chars().allMatch(c -> c > 0x20 && c <= 0x7e && c != ':')) {
            throw new IllegalArgumentException("a series id is 1 to " + MAX_SERIES_ID_LENGTH
                    + " printable ASCII characters without spaces or colons: " + seriesId);
        }
        return PREFIX + seriesId + ":" + LOCAL.format(local.withNano(0));
    }
}
