package io.callscheduler.pacing.dynamodb;

import io.callscheduler.dependencies.DependencyUnavailableException;
import io.callscheduler.pacing.DialPacer;
import io.callscheduler.pacing.dynamodb.SlotWindows.Window;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Dial slots as windows {@link #interval()} wide, one dial each, kept in the calls table ({@link SlotWindows}). A
 * reservation only writes to windows at and after the moment it asks for, so a later reservation never delays
 * a call due earlier, whatever order their dispatches arrive in.
 *
 * <p>A reserver first counts itself at its own window (an atomic {@code ADD}); the one that makes the count 1
 * owns it. One that finds it taken does not probe the next windows one by one: each taken window names its
 * queue, the window whose count hands out the windows of its stretch, and the n-th arrival at a queue takes the
 * window n-1 on. So a burst for one moment costs two writes per dial, and a call due inside a stretch three. When
 * a stretch runs into a later one, its queue is marked merged into the later queue, so that the next arrivals go
 * straight to the end of both instead of bouncing between them.
 *
 * <p>A slot is its window's start, except for a call that finds its own window free: it dials at the very moment
 * asked for and, being off the grid, also holds the next window, which keeps it an interval from any later slot.
 */
public final class DynamoDbDialPacer implements DialPacer {
    /**
     * Steps past taken stretches: a few at most, as merges shorten the way for the next reservers (the longest seen
     * was 10, under 400 dials for one minute at 5/s). Past it the dispatch tries again later.
     */
    private static final int MAX_STEPS = 100;

    private final SlotWindows windows;
    private final Duration interval;
    private final long width;
    private final String description;

    public DynamoDbDialPacer(DynamoDbClient dynamoDb, String tableName, double callsPerSecond) {
        this.interval = DialPacer.intervalFor(callsPerSecond);
        this.width = interval.toMillis();
        this.windows = new SlotWindows(Objects.requireNonNull(dynamoDb, "dynamoDb"),
                Objects.requireNonNull(tableName, "tableName"), width);
        this.description = DialPacer.describe(callsPerSecond);
    }

    @Override
    public Instant reserve(Instant requested) {
        // Whole milliseconds, rounded up so that a slot is never before the moment asked for.
        Instant truncated = requested.truncatedTo(ChronoUnit.MILLIS);
        long earliest = (truncated.isBefore(requested) ? truncated.plusMillis(1) : truncated).toEpochMilli();
        long own = Math.floorDiv(earliest, width);
        try {
            boolean offGrid = earliest != windows.start(own);
            Window at = windows.arrive(own, own, offGrid);
            if (at.owned()) {
                if (!offGrid) {
                    return Instant.ofEpochMilli(earliest);
                }
                Window next = windows.arrive(own + 1, own, false);
                if (next.owned()) {
                    return Instant.ofEpochMilli(earliest);
                }
                at = next; // its own window goes unused: its start is before the moment asked for
            }
            for (int step = 0; step < MAX_STEPS; step++) {
                Window queue = endOfMerges(at.isQueue() ? at : windows.join(at.queue()));
                long target = Math.max(queue.handedOut(), at.index() + 1);
                Window reached = windows.arrive(target, queue.index(), false);
                if (reached.owned()) {
                    return Instant.ofEpochMilli(windows.start(target));
                }
                if (reached.queue() != queue.index()) {
                    windows.merge(queue.index(), reached.queue());
                }
                at = reached;
            }
        } catch (SdkException e) {
            throw new DependencyUnavailableException("could not reserve a dial slot: " + e.getMessage(), e);
        }
        throw new DependencyUnavailableException("could not reserve a dial slot in " + MAX_STEPS + " steps", null);
    }

    /**
     * The queue that hands out the next window for one counted at {@code queue}: itself, or the last of the
     * queues it was merged into, where this reserver is counted too. A chain of merges is shortened to one.
     */
    private Window endOfMerges(Window queue) {
        Window first = queue;
        Set<Long> seen = new HashSet<>();
        seen.add(queue.index());
        // A race can merge two queues into each other: the first one met again ends the walk.
        while (queue.mergedInto() != null && seen.add(queue.mergedInto())) {
            queue = windows.join(queue.mergedInto());
        }
        if (first.mergedInto() != null && queue.index() != first.mergedInto()) {
            windows.merge(first.index(), queue.index());
        }
        return queue;
    }

    @Override
    public Duration interval() {
        return interval;
    }

    @Override
    public String describe() {
        return description;
    }
}
