package io.callscheduler.series.dynamodb;

import io.callscheduler.dependencies.DependencyUnavailableException;
import io.callscheduler.model.Call;
import io.callscheduler.series.Series;
import io.callscheduler.series.SeriesStatus;
import io.callscheduler.series.SeriesIdempotencyRecord;
import io.callscheduler.series.SeriesStore;
import io.callscheduler.series.SweepPosition;
import io.callscheduler.store.ConcurrentUpdateException;
import io.callscheduler.store.IdempotencyKeyTakenException;
import io.callscheduler.store.Page;
import io.callscheduler.store.dynamodb.CallsTable;
import io.callscheduler.store.dynamodb.ItemImages;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Series in the calls' table ({@link SeriesItems}); their occurrence calls are listed from the byCollection index's
 * {@code series-calls#<id>} partition, which the calls' own items join ({@link CallsTable#seriesCallsKey}). Every write
 * is conditional on the version read; a roll writes the series and its new call in one transaction.
 */
public final class DynamoDbSeriesStore implements SeriesStore {
    private static final String VERSION_MATCHES = "#v = :v";
    private static final String AFTER_ID = "afterId";
    private static final String AFTER_CREATED_AT = "afterCreatedAt";

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbSeriesStore(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    @Override
    public void insert(Series series) {
        write(series.id(), () -> dynamoDb.putItem(r -> r.tableName(tableName).item(SeriesItems.toItem(series))
                .conditionExpression("attribute_not_exists(id)")));
    }

    @Override
    public void insert(Series series, SeriesIdempotencyRecord record) {
        Put key = Put.builder().tableName(tableName).item(SeriesIdempotencyItems.toItem(record))
                .conditionExpression("attribute_not_exists(id) OR #e < :now")
                .expressionAttributeNames(Map.of("#e", CallsTable.EXPIRES_AT))
                .expressionAttributeValues(Map.of(":now", AttributeValue.fromN(Long.toString(series.createdAt().getEpochSecond()))))
                .build();
        Put item = Put.builder().tableName(tableName).item(SeriesItems.toItem(series))
                .conditionExpression("attribute_not_exists(id)").build();
        write(series.id(), () -> {
            try {
                dynamoDb.transactWriteItems(r -> r.transactItems(TransactWriteItem.builder().put(key).build(),
                        TransactWriteItem.builder().put(item).build()));
            } catch (TransactionCanceledException e) {
                if (e.hasCancellationReasons() && List.of("ConditionalCheckFailed", "TransactionConflict")
                        .contains(String.valueOf(e.cancellationReasons().get(0).code()))) {
                    // The key is held, or a racing request with it is writing it: either way not this request's.
                    throw new IdempotencyKeyTakenException(record.key());
                }
                throw e;
            }
        });
    }

    @Override
    public Optional<SeriesIdempotencyRecord> findIdempotencyRecord(String key, Instant now) {
        var response = read("read an idempotency key", () -> dynamoDb.getItem(r -> r.tableName(tableName)
                .consistentRead(true).key(Map.of(CallsTable.ID, SeriesItems.s(SeriesIdempotencyItems.itemId(key))))));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(SeriesIdempotencyItems.fromItem(key, response.item())).filter(r -> r.isLiveAt(now))
                : Optional.empty();
    }

    @Override
    public void rollTo(Series expected, Series updated, Call call) {
        Series next = updated.withVersion(expected.version() + 1);
        write(expected.id(), () -> dynamoDb.transactWriteItems(r -> r.transactItems(
                TransactWriteItem.builder().put(versioned(expected, next)).build(),
                TransactWriteItem.builder().put(Put.builder().tableName(tableName).item(ItemImages.callItem(call))
                        .conditionExpression("attribute_not_exists(id)").build()).build())));
    }

    @Override
    public void split(Series expectedOld, Series endedOld, Series next) {
        write(expectedOld.id(), () -> dynamoDb.transactWriteItems(r -> r.transactItems(
                TransactWriteItem.builder().put(versioned(expectedOld, endedOld.withVersion(expectedOld.version() + 1))).build(),
                TransactWriteItem.builder().put(Put.builder().tableName(tableName).item(SeriesItems.toItem(next))
                        .conditionExpression("attribute_not_exists(id)").build()).build())));
    }

    @Override
    public Optional<Series> find(String id) {
        var response = read("read series " + id, () -> dynamoDb.getItem(r -> r.tableName(tableName).consistentRead(true)
                .key(Map.of(CallsTable.ID, SeriesItems.s(SeriesItems.key(id))))));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(SeriesItems.fromItem(response.item()))
                : Optional.empty();
    }

    @Override
    public Series replace(Series expected, Series updated) {
        Series next = updated.withVersion(expected.version() + 1);
        Put put = versioned(expected, next);
        write(expected.id(), () -> dynamoDb.putItem(r -> r.tableName(tableName).item(put.item())
                .conditionExpression(put.conditionExpression()).expressionAttributeNames(put.expressionAttributeNames())
                .expressionAttributeValues(put.expressionAttributeValues())));
        return next;
    }

    @Override
    public Page<Series> list(int limit, String pageToken) {
        return page(CallsTable.SERIES_KEY, limit, pageToken, SeriesItems::fromItem);
    }

    @Override
    public Page<Call> calls(String seriesId, int limit, String pageToken) {
        return page(CallsTable.seriesCallsKey(seriesId), limit, pageToken, item -> ItemImages.call(item).orElseThrow());
    }

    /**
     * Reads the {@value CallsTable#SERIES_KEY} partition oldest first with a filter, from the position given: a sweep's
     * cost is that of every series kept after it until {@code limit} active ones are found (decision 80 says why that
     * is acceptable for now).
     */
    @Override
    public List<Series> active(SweepPosition after, int limit) {
        List<Series> found = new ArrayList<>();
        Map<String, AttributeValue> start = after == null ? null : Map.of(
                CallsTable.ID, SeriesItems.s(SeriesItems.key(after.seriesId())),
                CallsTable.COLLECTION, SeriesItems.s(CallsTable.SERIES_KEY),
                CallsTable.COLLECTION_ORDER, SeriesItems.s(CallsTable.seriesOrder(after.createdAt(), after.seriesId())));
        do {
            QueryRequest.Builder query = QueryRequest.builder().tableName(tableName).indexName(CallsTable.BY_COLLECTION)
                    .keyConditionExpression("#p = :p").filterExpression("#s = :s").scanIndexForward(true).limit(1000)
                    .expressionAttributeNames(Map.of("#p", CallsTable.COLLECTION, "#s", SeriesItems.STATUS))
                    .expressionAttributeValues(Map.of(":p", SeriesItems.s(CallsTable.SERIES_KEY),
                            ":s", SeriesItems.s(SeriesStatus.ACTIVE.name())));
            if (start != null) {
                query.exclusiveStartKey(start);
            }
            QueryResponse response = read("list active series", () -> dynamoDb.query(query.build()));
            response.items().stream().limit(limit - found.size()).map(SeriesItems::fromItem).forEach(found::add);
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (start != null && found.size() < limit);
        return found;
    }

    @Override
    public Optional<SweepPosition> sweepPosition() {
        var response = read("read the series sweep's position", () -> dynamoDb.getItem(r -> r.tableName(tableName)
                .consistentRead(true).key(Map.of(CallsTable.ID, SeriesItems.s(CallsTable.SERIES_SWEEP_POSITION)))));
        Map<String, AttributeValue> item = response.hasItem() ? response.item() : Map.of();
        if (!item.containsKey(AFTER_ID) || !item.containsKey(AFTER_CREATED_AT)) {
            return Optional.empty();
        }
        return Optional.of(new SweepPosition(Instant.parse(item.get(AFTER_CREATED_AT).s()),
                item.get(AFTER_ID).s()));
    }

    @Override
    public void saveSweepPosition(SweepPosition position) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(Map.of(CallsTable.ID,
                SeriesItems.s(CallsTable.SERIES_SWEEP_POSITION)));
        if (position != null) {
            item.put(AFTER_ID, SeriesItems.s(position.seriesId()));
            item.put(AFTER_CREATED_AT, SeriesItems.s(position.createdAt().toString()));
        }
        write("sweep position", () -> dynamoDb.putItem(r -> r.tableName(tableName).item(item)));
    }

    private <T> Page<T> page(String partition, int limit, String pageToken, Function<Map<String, AttributeValue>, T> read) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(tableName).indexName(CallsTable.BY_COLLECTION)
                .keyConditionExpression("#p = :p").scanIndexForward(false).limit(limit)
                .expressionAttributeNames(Map.of("#p", CallsTable.COLLECTION))
                .expressionAttributeValues(Map.of(":p", SeriesItems.s(partition)));
        if (pageToken != null) {
            query.exclusiveStartKey(SeriesPageTokens.decode(pageToken, partition));
        }
        QueryResponse response = read("list " + partition, () -> dynamoDb.query(query.build()));
        List<T> items = response.items().stream().map(read).toList();
        String next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? SeriesPageTokens.encode(response.lastEvaluatedKey()) : null;
        return new Page<>(items, next);
    }

    private Put versioned(Series expected, Series next) {
        return Put.builder().tableName(tableName).item(SeriesItems.toItem(next)).conditionExpression(VERSION_MATCHES)
                .expressionAttributeNames(Map.of("#v", SeriesItems.VERSION))
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromN(Long.toString(expected.version()))))
                .build();
    }

    /** A failed condition (or a transaction that lost one, or a race) is a lost race; anything else is unavailability. */
    private static void write(String seriesId, Runnable request) {
        try {
            request.run();
        } catch (ConditionalCheckFailedException | TransactionCanceledException e) {
            throw new ConcurrentUpdateException("series " + seriesId);
        } catch (SdkException e) {
            throw new DependencyUnavailableException("could not write series " + seriesId + ": " + e.getMessage(), e);
        }
    }

    private static <T> T read(String what, Supplier<T> request) {
        try {
            return request.get();
        } catch (SdkException e) {
            throw new DependencyUnavailableException("could not " + what + ": " + e.getMessage(), e);
        }
    }
}
