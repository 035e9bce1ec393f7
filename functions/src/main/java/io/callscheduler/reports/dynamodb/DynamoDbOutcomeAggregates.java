package io.callscheduler.reports.dynamodb;

import io.callscheduler.reports.BucketKey;
import io.callscheduler.reports.EndedCall;
import io.callscheduler.reports.OutcomeAggregates;
import io.callscheduler.reports.OutcomeBucket;
import io.callscheduler.reports.OutcomeCounts;
import io.callscheduler.reports.Rollups;
import io.callscheduler.store.dynamodb.CallsTable;
import io.callscheduler.store.dynamodb.SdkFailures;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The aggregates as items of the calls table (see {@link OutcomeItems}). A call is counted by one transaction: its
 * marker, put only if absent, and the ADDs of its five buckets (one per rollup); a second count of the same call fails the marker's condition and
 * adds nothing. Two calls ending in the same bucket at once may conflict; the loser is tried again.
 */
public final class DynamoDbOutcomeAggregates implements OutcomeAggregates {
    private static final int CONFLICT_TRIES = 5;

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbOutcomeAggregates(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.table = Objects.requireNonNull(table, "table");
    }

    @Override
    public boolean count(EndedCall call) {
        OutcomeCounts counts = OutcomeCounts.of(call);
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(marker(call));
        Rollups.of(call).forEach(placed -> items.add(bucketUpdate(placed.rollup(), placed.key(), counts)));
        for (int attempt = 1; ; attempt++) {
            try {
                dynamoDb.transactWriteItems(r -> r.transactItems(items));
                return true;
            } catch (TransactionCanceledException e) {
                List<String> reasons = e.hasCancellationReasons()
                        ? e.cancellationReasons().stream().map(reason -> String.valueOf(reason.code())).toList() : List.of();
                if (!reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0))) {
                    return false; // its marker is there: counted before
                }
                if (attempt >= CONFLICT_TRIES) {
                    throw new io.callscheduler.dependencies.DependencyUnavailableException(
                            "could not count call " + call.callId() + " in the outcome reports: " + reasons, e);
                }
            } catch (software.amazon.awssdk.core.exception.SdkException e) {
                throw new io.callscheduler.dependencies.DependencyUnavailableException(
                        "could not count call " + call.callId() + " in the outcome reports: " + e.getMessage(), e);
            }
        }
    }

    private TransactWriteItem marker(EndedCall call) {
        Map<String, AttributeValue> item = Map.of(
                CallsTable.ID, AttributeValue.fromS(OutcomeItems.marker(call.callId())),
                CallsTable.EXPIRES_AT, AttributeValue.fromN(
                        Long.toString(call.endedAt().plus(OutcomeItems.MARKER_KEPT).getEpochSecond())));
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(id)").build()).build();
    }

    private TransactWriteItem bucketUpdate(String rollup, BucketKey key, OutcomeCounts counts) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> sets = new ArrayList<>();
        List<String> adds = new ArrayList<>();
        int n = 0;
        for (var attribute : OutcomeItems.keyAttributes(rollup, key).entrySet()) {
            names.put("#k" + n, attribute.getKey());
            values.put(":k" + n, attribute.getValue());
            sets.add("#k" + n + " = :k" + n);
            n++;
        }
        for (var counter : counts.counters().entrySet()) {
            names.put("#c" + n, counter.getKey());
            values.put(":c" + n, AttributeValue.fromN(Long.toString(counter.getValue())));
            adds.add("#c" + n + " :c" + n);
            n++;
        }
        return TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(Map.of(CallsTable.ID, AttributeValue.fromS(OutcomeItems.bucketId(rollup, key))))
                .updateExpression("SET " + String.join(", ", sets) + " ADD " + String.join(", ", adds))
                .expressionAttributeNames(names).expressionAttributeValues(values).build()).build();
    }

    @Override
    public List<OutcomeBucket> buckets(String rollup, Instant from, Instant to) {
        List<OutcomeBucket> buckets = new ArrayList<>();
        if (!from.isBefore(to)) {
            return buckets;
        }
        Map<String, AttributeValue> startKey = null;
        do {
            QueryRequest.Builder request = QueryRequest.builder().tableName(table).indexName(CallsTable.BY_COLLECTION)
                    .keyConditionExpression("#c = :c AND #o BETWEEN :from AND :to")
                    .expressionAttributeNames(Map.of("#c", CallsTable.COLLECTION, "#o", CallsTable.COLLECTION_ORDER))
                    .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(OutcomeItems.collection(rollup)),
                            ":from", AttributeValue.fromS(OutcomeItems.hourBound(from, false)),
                            ":to", AttributeValue.fromS(OutcomeItems.hourBound(to.minusSeconds(3600), true))));
            if (startKey != null) {
                request.exclusiveStartKey(startKey);
            }
            QueryResponse page = SdkFailures.guarded("read the outcome reports", () -> dynamoDb.query(request.build()));
            page.items().forEach(item -> buckets.add(OutcomeItems.bucket(item)));
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        return buckets;
    }

    @Override
    public void advanceAsOf(Instant changedAt) {
        try {
            SdkFailures.guarded("note how current the outcome reports are", () -> dynamoDb.updateItem(r -> r.tableName(table)
                    .key(Map.of(CallsTable.ID, AttributeValue.fromS(OutcomeItems.AS_OF)))
                    .updateExpression("SET asOf = :t")
                    .conditionExpression("attribute_not_exists(asOf) OR asOf < :t")
                    .expressionAttributeValues(Map.of(":t", AttributeValue.fromN(Long.toString(changedAt.toEpochMilli()))))));
        } catch (ConditionalCheckFailedException e) {
            // already as current or more: a retried batch, or another shard ahead
        }
    }

    @Override
    public Optional<Instant> asOf() {
        var item = SdkFailures.guarded("read how current the outcome reports are", () -> dynamoDb.getItem(r -> r
                .tableName(table).key(Map.of(CallsTable.ID, AttributeValue.fromS(OutcomeItems.AS_OF)))
                .projectionExpression("asOf"))).item();
        return item == null || !item.containsKey("asOf") ? Optional.empty()
                : Optional.of(Instant.ofEpochMilli(Long.parseLong(item.get("asOf").n())));
    }
}
