package io.callscheduler.series;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * One occurrence of a series.
 *
 * @param local  the rule's local date-time in the series' zone: the occurrence's identity (its key), even when the
 *               spring change moves the dial ({@code at}) to another wall-clock time
 * @param at     the moment it dials
 * @param offset the zone's UTC offset at {@code at}
 */
public record Occurrence(LocalDateTime local, Instant at, ZoneOffset offset) {
    public Occurrence {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(offset, "offset");
    }
}
