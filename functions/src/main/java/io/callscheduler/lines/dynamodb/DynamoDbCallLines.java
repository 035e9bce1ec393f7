package io.callscheduler.lines.dynamodb;

import io.callscheduler.dependencies.DependencyUnavailableException;
import io.callscheduler.lines.CallLines;
import io.callscheduler.store.dynamodb.CallsTable;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The busy lines as one item in the calls table ({@code lines#busy}), a map from call id to the moment it last took
 * its line. Taking is one conditional write, "set me to now if the map has fewer than the limit or has me already",
 * so concurrent dispatchers can never hold more lines than there are, and a retake moves the moment on so that the
 * stale-line check ({@link io.callscheduler.lines.StaleLines}) cannot free a line just taken again. Giving back is one
 * REMOVE. The map holds about the limit's entries (a few kB for hundreds), far from DynamoDB's 400 kB item size.
 */
public final class DynamoDbCallLines implements CallLines {
    static final String KEY = CallsTable.BUSY_LINES;
    private static final String ID = CallsTable.ID;
    private static final String HOLDERS = "holders";

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final int limit;
    /** The item exists with its (maybe empty) map: written once per container, before the first take. */
    private volatile boolean itemExists;

    public DynamoDbCallLines(DynamoDbClient dynamoDb, String tableName, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, not " + limit);
        }
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
        this.limit = limit;
    }

    @Override
    public boolean take(String callId, Instant now) {
        return set(callId, now, true);
    }

    /** The conditional take first: over the limit only when it is refused (one write while a line is free). */
    @Override
    public boolean takeEvenIfAllBusy(String callId, Instant now) {
        if (take(callId, now)) {
            return true;
        }
        set(callId, now, false); // unconditional: never refused
        return false;
    }

    /** @return true when written; false when {@code withinLimit} and every line is busy */
    private boolean set(String callId, Instant now, boolean withinLimit) {
        try {
            ensureItem();
            dynamoDb.updateItem(r -> {
                r.tableName(tableName).key(key()).updateExpression("SET " + HOLDERS + ".#call = :now")
                        .expressionAttributeNames(Map.of("#call", callId));
                Map<String, AttributeValue> values = new LinkedHashMap<>();
                values.put(":now", AttributeValue.fromN(Long.toString(now.toEpochMilli())));
                if (withinLimit) {
                    r.conditionExpression("attribute_exists(" + HOLDERS + ".#call) OR size(" + HOLDERS + ") < :limit");
                    values.put(":limit", AttributeValue.fromN(Integer.toString(limit)));
                }
                r.expressionAttributeValues(values);
            });
            return true;
        } catch (ConditionalCheckFailedException allBusy) {
            return false;
        } catch (SdkException e) {
            throw new DependencyUnavailableException("could not take a line: " + e.getMessage(), e);
        }
    }

    @Override
    public void release(String callId) {
        remove(callId, null);
    }

    @Override
    public boolean releaseIfTakenAt(String callId, Instant since) {
        return remove(callId, since);
    }

    private boolean remove(String callId, Instant takenAt) {
        try {
            ensureItem();
            dynamoDb.updateItem(r -> {
                r.tableName(tableName).key(key()).updateExpression("REMOVE " + HOLDERS + ".#call")
                        .expressionAttributeNames(Map.of("#call", callId));
                if (takenAt != null) {
                    r.conditionExpression(HOLDERS + ".#call = :since").expressionAttributeValues(
                            Map.of(":since", AttributeValue.fromN(Long.toString(takenAt.toEpochMilli()))));
                }
            });
            return true;
        } catch (ConditionalCheckFailedException takenAgain) {
            return false; // taken again since (or already given back): not stale any more
        } catch (SdkException e) {
            throw new DependencyUnavailableException("could not give a line back: " + e.getMessage(), e);
        }
    }

    @Override
    public Map<String, Instant> holders() {
        try {
            Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(tableName).key(key()).consistentRead(true)).item();
            Map<String, Instant> holders = new LinkedHashMap<>();
            if (item != null && item.containsKey(HOLDERS)) {
                item.get(HOLDERS).m().forEach((callId, since) -> holders.put(callId, Instant.ofEpochMilli(Long.parseLong(since.n()))));
            }
            return holders;
        } catch (SdkException e) {
            throw new DependencyUnavailableException("could not read the busy lines: " + e.getMessage(), e);
        }
    }

    @Override
    public int limit() {
        return limit;
    }

    /** A nested SET or REMOVE needs the map to exist; creating it is idempotent, so racing containers are fine. */
    private void ensureItem() {
        if (!itemExists) {
            dynamoDb.updateItem(r -> r.tableName(tableName).key(key())
                    .updateExpression("SET " + HOLDERS + " = if_not_exists(" + HOLDERS + ", :empty)")
                    .expressionAttributeValues(Map.of(":empty", AttributeValue.fromM(Map.of()))));
            itemExists = true;
        }
    }

    private static Map<String, AttributeValue> key() {
        return Map.of(ID, AttributeValue.fromS(KEY));
    }
}
