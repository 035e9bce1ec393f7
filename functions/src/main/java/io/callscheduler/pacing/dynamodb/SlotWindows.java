package io.callscheduler.pacing.dynamodb;

import io.callscheduler.store.dynamodb.CallsTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The items of dial-slot windows in the calls table, one per window ({@code pacer#slot#<start ms>}), each
 * written with one atomic UpdateItem that returns the item as it was, from which the item as it became follows. A
 * window is numbered from the epoch in steps of its width. The items carry none of the index attributes, so no call
 * query reads them, and expire a day after their window ({@value #EXPIRES_AT}, the table's TTL attribute).
 */
final class SlotWindows {
    static final String EXPIRES_AT = CallsTable.EXPIRES_AT;
    private static final String ID = CallsTable.ID;
    private static final String ARRIVALS = "arrivals";
    private static final String QUEUE = "queue";
    private static final String MERGED_INTO = "mergedInto";
    private static final String OFF_GRID = "offGrid";
    private static final String AT = "ownerAt";
    private static final String GUARD = "guard";

    /**
     * A window's item after a write. {@code arrivals}: how many reservers reached it. {@code queue}: the window whose
     * count handed this one out (itself for a reserver's own window). {@code mergedInto}: for a queue whose stretch ran
     * into another's, that queue; else null. {@code offGrid}: its owner dials off the grid, inside it, so it holds the
     * next window too. {@code ownerAt}: the moment its owner dials, when one came before this write (ms), else null.
     * {@code guard}: the earliest moment (ms) its owner may dial, set by the window before's owner dialing off the grid
     * (a hold), when one came before this write; {@code heldOnly}: that hold was the only arrival before this one, so
     * this arrival owns the window, at or after the guard.
     */
    record Window(long index, long arrivals, long queue, Long mergedInto, boolean offGrid, Long ownerAt, Long guard,
                  boolean heldOnly) {
        boolean owned() {
            return arrivals == 1 || (arrivals == 2 && heldOnly);
        }

        /** The owner's moment for one that asked for {@code earliest}: never before the guard. */
        long slotFor(long earliest) {
            return heldOnly && guard != null && guard > earliest ? guard : earliest;
        }

        /** For a hold written now: whether the window's owner, if it had one, dials at or after {@code guard}. */
        boolean holdFits(long guardAt) {
            return arrivals == 1 || (ownerAt != null && ownerAt >= guardAt);
        }

        /** For an arrival counted at this queue: the window it hands out (the n-th arrival's is n-1 on). */
        long handedOut() {
            return index + arrivals - 1 + (offGrid ? 1 : 0);
        }

        boolean isQueue() {
            return queue == index;
        }
    }

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final long width;

    SlotWindows(DynamoDbClient dynamoDb, String tableName, long widthMillis) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.width = widthMillis;
    }

    long start(long index) {
        return index * width;
    }

    /**
     * Counts a reserver at {@code index} that would own it at {@code at} (ms). The first one there names the
     * {@code queue} it came from, whether it would dial {@code offGrid}, and its moment; later ones change none.
     */
    Window arrive(long index, long queue, boolean offGrid, long at) {
        return update(index, "ADD " + ARRIVALS + " :one SET " + QUEUE + " = if_not_exists(" + QUEUE + ", :queue), "
                + OFF_GRID + " = if_not_exists(" + OFF_GRID + ", :offGrid), " + AT + " = if_not_exists(" + AT + ", :at), "
                + EXPIRES_AT + " = if_not_exists(" + EXPIRES_AT + ", :expires)",
                Map.of(":one", AttributeValue.fromN("1"), ":queue", AttributeValue.fromN(Long.toString(start(queue))),
                        ":offGrid", AttributeValue.fromBool(offGrid), ":at", AttributeValue.fromN(Long.toString(at))));
    }

    /** Counts a reserver at queue {@code index}, one arriving from elsewhere in its stretch (it owns nothing there). */
    Window join(long index) {
        return update(index, "ADD " + ARRIVALS + " :one SET " + QUEUE + " = if_not_exists(" + QUEUE + ", :queue), "
                + EXPIRES_AT + " = if_not_exists(" + EXPIRES_AT + ", :expires)",
                Map.of(":one", AttributeValue.fromN("1"), ":queue", AttributeValue.fromN(Long.toString(start(index)))));
    }

    /**
     * The owner of the window before, dialing off the grid at {@code guard} less a width, holds window {@code index}:
     * counted there (so no queue hands it out), with the earliest moment its own owner may dial.
     */
    Window hold(long index, long queue, long guard) {
        return update(index, "ADD " + ARRIVALS + " :one SET " + QUEUE + " = if_not_exists(" + QUEUE + ", :queue), "
                + GUARD + " = :guard, " + EXPIRES_AT + " = if_not_exists(" + EXPIRES_AT + ", :expires)",
                Map.of(":one", AttributeValue.fromN("1"), ":queue", AttributeValue.fromN(Long.toString(start(queue))),
                        ":guard", AttributeValue.fromN(Long.toString(guard))));
    }

    /** Records that queue {@code index}'s stretch runs on into queue {@code into}'s (always a later one: no cycles). */
    void merge(long index, long into) {
        update(index, "SET " + MERGED_INTO + " = :into, " + EXPIRES_AT + " = if_not_exists(" + EXPIRES_AT + ", :expires)",
                Map.of(":into", AttributeValue.fromN(Long.toString(start(into)))));
    }

    /** Writes, and reads the item as it became from the item as it was (ALL_OLD): the old owner and guard matter. */
    private Window update(long index, String expression, Map<String, AttributeValue> values) {
        Map<String, AttributeValue> all = new HashMap<>(values);
        all.put(":expires", AttributeValue.fromN(Long.toString(CallsTable.dialSlotWindowExpiry(Instant.ofEpochMilli(start(index))).getEpochSecond())));
        Map<String, AttributeValue> old = dynamoDb.updateItem(r -> r.tableName(tableName)
                .key(Map.of(ID, AttributeValue.fromS(CallsTable.dialSlotWindow(start(index)))))
                .updateExpression(expression)
                .expressionAttributeValues(all)
                .returnValues(ReturnValue.ALL_OLD)).attributes();
        Long oldArrivals = number(old, ARRIVALS);
        long arrivals = (oldArrivals == null ? 0 : oldArrivals) + (values.containsKey(":one") ? 1 : 0);
        Long queue = number(old, QUEUE);
        if (queue == null && values.containsKey(":queue")) {
            queue = Long.parseLong(values.get(":queue").n());
        }
        AttributeValue offGrid = old == null ? null : old.get(OFF_GRID);
        if (offGrid == null) {
            offGrid = values.get(":offGrid");
        }
        Long mergedInto = number(old, MERGED_INTO);
        Long ownerAt = number(old, AT);
        Long guard = number(old, GUARD);
        return new Window(index, arrivals, queue == null ? index : Math.floorDiv(queue, width),
                mergedInto == null ? null : Math.floorDiv(mergedInto, width),
                offGrid != null && Boolean.TRUE.equals(offGrid.bool()), ownerAt, guard,
                oldArrivals != null && oldArrivals == 1 && guard != null && ownerAt == null);
    }

    private static Long number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item == null ? null : item.get(name);
        return value == null || value.n() == null ? null : Long.parseLong(value.n());
    }
}
