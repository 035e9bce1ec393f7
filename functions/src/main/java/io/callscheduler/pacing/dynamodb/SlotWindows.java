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
 * written with one atomic UpdateItem that returns the item as it became. A window is numbered from the epoch
 * in steps of its width. The items carry none of the index attributes, so no call query reads them, and
 * expire a day after their window ({@value #EXPIRES_AT}, the table's TTL attribute).
 */
final class SlotWindows {
    static final String EXPIRES_AT = CallsTable.EXPIRES_AT;
    private static final String ID = CallsTable.ID;
    private static final String ARRIVALS = "arrivals";
    private static final String QUEUE = "queue";
    private static final String MERGED_INTO = "mergedInto";
    private static final String OFF_GRID = "offGrid";

    /**
     * A window's item after a write. {@code arrivals}: how many reservers reached it (the first owns it).
     * {@code queue}: the window whose count handed this one out (itself for a reserver's own window).
     * {@code mergedInto}: for a queue whose stretch ran into another's, that queue; else null.
     * {@code offGrid}: its owner dials off the grid, inside it, so it holds the next window too.
     */
    record Window(long index, long arrivals, long queue, Long mergedInto, boolean offGrid) {
        boolean owned() {
            return arrivals == 1;
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
     * Counts a reserver at {@code index}. The first one there names the {@code queue} it came from and whether it
     * would dial {@code offGrid}; later ones change neither.
     */
    Window arrive(long index, long queue, boolean offGrid) {
        return update(index, "ADD " + ARRIVALS + " :one SET " + QUEUE + " = if_not_exists(" + QUEUE + ", :queue), "
                + OFF_GRID + " = if_not_exists(" + OFF_GRID + ", :offGrid), "
                + EXPIRES_AT + " = if_not_exists(" + EXPIRES_AT + ", :expires)",
                Map.of(":one", AttributeValue.fromN("1"), ":queue", AttributeValue.fromN(Long.toString(start(queue))),
                        ":offGrid", AttributeValue.fromBool(offGrid)));
    }

    /** Counts a reserver at queue {@code index}, one arriving from elsewhere in its stretch. */
    Window join(long index) {
        return arrive(index, index, false);
    }

    /** Records that queue {@code index}'s stretch runs on into queue {@code into}'s (always a later one: no cycles). */
    void merge(long index, long into) {
        update(index, "SET " + MERGED_INTO + " = :into, " + EXPIRES_AT + " = if_not_exists(" + EXPIRES_AT + ", :expires)",
                Map.of(":into", AttributeValue.fromN(Long.toString(start(into)))));
    }

    private Window update(long index, String expression, Map<String, AttributeValue> values) {
        Map<String, AttributeValue> all = new HashMap<>(values);
        all.put(":expires", AttributeValue.fromN(Long.toString(CallsTable.dialSlotWindowExpiry(Instant.ofEpochMilli(start(index))).getEpochSecond())));
        Map<String, AttributeValue> item = dynamoDb.updateItem(r -> r.tableName(tableName)
                .key(Map.of(ID, AttributeValue.fromS(CallsTable.dialSlotWindow(start(index)))))
                .updateExpression(expression)
                .expressionAttributeValues(all)
                .returnValues(ReturnValue.ALL_NEW)).attributes();
        AttributeValue arrivals = item.get(ARRIVALS);
        AttributeValue queue = item.get(QUEUE);
        AttributeValue mergedInto = item.get(MERGED_INTO);
        AttributeValue offGrid = item.get(OFF_GRID);
        return new Window(index, arrivals == null ? 0 : Long.parseLong(arrivals.n()),
                queue == null ? index : Math.floorDiv(Long.parseLong(queue.n()), width),
                mergedInto == null ? null : Math.floorDiv(Long.parseLong(mergedInto.n()), width),
                offGrid != null && Boolean.TRUE.equals(offGrid.bool()));
    }
}
