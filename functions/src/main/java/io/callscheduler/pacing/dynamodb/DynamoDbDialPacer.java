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
 * asked for and, being off the grid, also holds the next window with a guard, the earliest moment that window's own
 * owner may dial (an interval after it). A hold that comes after that owner keeps its moment when the owner dials at
 * least an interval later, and gives its window up otherwise; an owner that comes after the hold dials at the guard at
 * the earliest. So reservations at moments an interval or more apart each keep their moment in any order (before
 * holds, concurrent ones a little apart pushed each other to the end of a stretch: seconds late with the rate free).
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
            Window at = windows.arrive(own, own, offGrid, earliest);
            if (at.owned()) {
                Window held = holdNext(at, earliest, own);
                if (held == null) {
                    return Instant.ofEpochMilli(at.slotFor(earliest));
                }
                at = held; // its own window goes unused: the next one's owner dials less than an interval after
            }
            for (int step = 0; step < MAX_STEPS; step++) {
                Window queue = endOfMerges(at.isQueue() ? at : windows.join(at.queue()));
                long target = Math.max(queue.handedOut(), at.index() + 1);
                Window reached = windows.arrive(target, queue.index(), false, windows.start(target));
                if (reached.owned()) {
                    Window held = holdNext(reached, windows.start(target), queue.index());
                    if (held == null) {
                        return Instant.ofEpochMilli(reached.slotFor(windows.start(target)));
                    }
                    reached = held;
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
     * For a reserver that owns {@code owned}, asking for {@code asked}: a slot off the window's start holds the next
     * window with a guard an interval after it. Null when the slot stands (on the start, or the hold fits); else the
     * next window, which this reserver goes on from, its own given up.
     */
    private Window holdNext(Window owned, long asked, long queue) {
        long slot = owned.slotFor(asked);
        if (slot == windows.start(owned.index())) {
            return null;
        }
        Window next = windows.hold(owned.index() + 1, queue, slot + width);
        return next.holdFits(slot + width) ? null : next;
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
