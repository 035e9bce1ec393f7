package io.callscheduler.series;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The minute's safety sweep (a lost stream record, a crash): rolls active series oldest first, resuming after the
 * last one the previous sweep reached ({@link SeriesStore#sweepPosition}, kept in the table). However many series
 * are active, consecutive sweeps reach each of them, and a sweep stopped by its deadline loses no place. When a sweep
 * finds fewer than its limit it has reached the newest, and the next one starts again from the oldest.
 */
final class SeriesSweep {
    private static final System.Logger LOG = System.getLogger(SeriesSweep.class.getName());

    private final SeriesStore store;
    private final SeriesRoller roller;
    private final Clock clock;

    SeriesSweep(SeriesStore store, SeriesRoller roller, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.roller = Objects.requireNonNull(roller, "roller");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @return the occurrence calls created */
    int run(int limit, Instant deadline) {
        SweepPosition start = store.sweepPosition().orElse(null);
        List<Series> batch = store.active(start, limit);
        SweepPosition reached = start;
        int created = 0;
        boolean stopped = false;
        for (Series active : batch) {
            if (!clock.instant().isBefore(deadline)) {
                stopped = true;
                break;
            }
            try {
                created += roller.roll(active.id()) == SeriesRoller.Rolled.CREATED ? 1 : 0;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "series " + active.id() + " was not rolled; the sweep comes back "
                        + "to it once it has been round the others", e);
            }
            reached = SweepPosition.of(active);
        }
        boolean reachedTheNewest = !stopped && batch.size() < limit;
        if (reachedTheNewest ? start != null : !Objects.equals(reached, start)) {
            store.saveSweepPosition(reachedTheNewest ? null : reached);
        }
        return created;
    }
}
