package io.callscheduler.series;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * One occurrence that is not dialed as the rule says: canceled or moved through its call, or skipped by the roller
 * (its time passed, beyond the roller's grace, while the call before it was still pending). The roller never creates
 * an occurrence that has one.
 *
 * @param occurrence the occurrence's local date-time (its identity)
 * @param at         when it dials now (MOVED), or when it was canceled (CANCELED) or skipped (SKIPPED)
 * @param reason     why it was skipped (SKIPPED); null for the user's edits
 */
public record SeriesException(LocalDateTime occurrence, Kind kind, Instant at, String reason) {
    public SeriesException {
        Objects.requireNonNull(occurrence, "occurrence");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
    }

    public enum Kind { CANCELED, MOVED, SKIPPED }
}
