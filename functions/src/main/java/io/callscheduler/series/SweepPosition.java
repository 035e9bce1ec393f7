package io.callscheduler.series;

import java.time.Instant;
import java.util.Objects;

/** Where the minute's sweep stopped: the last series it reached, in the series' creation order. */
public record SweepPosition(Instant createdAt, String seriesId) {
    public SweepPosition {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(seriesId, "seriesId");
    }

    static SweepPosition of(Series series) {
        return new SweepPosition(series.createdAt(), series.id());
    }
}
