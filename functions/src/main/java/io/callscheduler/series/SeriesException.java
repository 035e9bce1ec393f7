package io.callscheduler.series;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * One occurrence edited through its call: canceled, or moved to another time. The series rolls on past it.
 *
 * @param occurrence the occurrence's local date-time (its identity)
 * @param at         when it dials now (MOVED), or when it was canceled (CANCELED)
 */
public record SeriesException(LocalDateTime occurrence, Kind kind, Instant at) {
    public SeriesException {
        Objects.requireNonNull(occurrence, "occurrence");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
    }

    public enum Kind { CANCELED, MOVED }
}
