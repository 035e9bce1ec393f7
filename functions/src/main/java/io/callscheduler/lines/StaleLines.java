package io.callscheduler.lines;

import io.callscheduler.dependencies.DependencyUnavailableException;
import io.callscheduler.store.CallStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Frees lines whose holder no longer holds one ({@link io.callscheduler.model.Call#holdsLine()}): left by a dispatch
 * that died after taking a line and before claiming its call, by a release that failed after its call ended, or by an
 * adoption whose write failed after it took its line. Run by the status sync each minute. A holder younger than
 * {@link #GRACE} is left alone: it may be a dispatch about to claim. A line is freed only if it was not taken again
 * since it was read (every take moves the holder's moment on), so a dispatch retaking it is never robbed.
 */
public final class StaleLines {
    private static final System.Logger LOG = System.getLogger(StaleLines.class.getName());
    public static final Duration GRACE = Duration.ofMinutes(2);
    private final CallLines lines;
    private final CallStore store;
    private final Clock clock;

    public StaleLines(CallLines lines, CallStore store, Clock clock) {
        this.lines = Objects.requireNonNull(lines, "lines");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @return how many lines were freed (0 when the table could not be read: next minute will do) */
    public int free() {
        if (lines.limit() == 0) {
            return 0;
        }
        try {
            return freeStale();
        } catch (DependencyUnavailableException e) {
            LOG.log(System.Logger.Level.WARNING, "could not check for stale lines: " + e.getMessage());
            return 0;
        }
    }

    private int freeStale() {
        Instant before = clock.instant().minus(GRACE);
        int freed = 0;
        for (Map.Entry<String, Instant> holder : lines.holders().entrySet()) {
            if (holder.getValue().isBefore(before) && store.find(holder.getKey())
                    .map(call -> !call.holdsLine()).orElse(true)
                    && lines.releaseIfTakenAt(holder.getKey(), holder.getValue())) {
                freed++;
            }
        }
        return freed;
    }
}
