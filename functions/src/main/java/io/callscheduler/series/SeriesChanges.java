package io.callscheduler.series;

import io.callscheduler.store.ConcurrentUpdateException;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * How every operation changes a series: read it, change it, write it conditional on its version, and again on a lost
 * race, so that a roller racing an edit either sees the edit or loses its write.
 */
final class SeriesChanges {
    private static final int MAX_RACES = 8;

    private final SeriesStore store;

    SeriesChanges(SeriesStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** @throws SeriesNotFoundException when no series has this id */
    Series get(String id) {
        return store.find(id).orElseThrow(() -> new SeriesNotFoundException(id));
    }

    boolean exists(String id) {
        return store.find(id).isPresent();
    }

    /** Read, change, write conditionally; again on a lost race. {@code change} returns its argument to write nothing. */
    Series change(String id, UnaryOperator<Series> change) {
        for (int race = 0; race < MAX_RACES; race++) {
            Series current = get(id);
            Series next = change.apply(current);
            if (next == current) {
                return current;
            }
            try {
                return store.replace(current, next);
            } catch (ConcurrentUpdateException lostRace) {
                // a roller or another edit wrote first: apply the change to what it wrote
            }
        }
        throw new ConcurrentUpdateException("series " + id);
    }

    /** @throws SeriesStateException when the series ended or was deleted: nothing can be done to it then */
    static void refuseUnlessLive(Series series, String action) {
        if (series.status() == SeriesStatus.ENDED || series.status() == SeriesStatus.DELETED) {
            throw new SeriesStateException(series.id(), series.status(), action);
        }
    }

    /**
     * As {@link #refuseUnlessLive}, and a series already split (still making its calls before the split) is not
     * edited or split again: its until must stay where its continuation starts, or both would dial.
     */
    static void refuseUnlessEditable(Series series, String action) {
        refuseUnlessLive(series, action);
        if (series.continuedBy() != null) {
            throw SeriesStateException.continued(series, action);
        }
    }
}
