package io.callscheduler.store.dynamodb;

import io.callscheduler.destinations.NumberQuota;
import io.callscheduler.dependencies.DependencyUnavailableException;
import io.callscheduler.model.Call;
import io.callscheduler.model.CallStatus;
import io.callscheduler.model.IdempotencyRecord;
import io.callscheduler.store.CallFilter;
import io.callscheduler.store.CallStore;
import io.callscheduler.store.CallView;
import io.callscheduler.store.Count;
import io.callscheduler.store.ConcurrentUpdateException;
import io.callscheduler.store.IdempotencyKeyTakenException;
import io.callscheduler.store.NumberQuotaExceededException;
import io.callscheduler.store.IndexPosition;
import io.callscheduler.store.Page;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@link CallStore} on one DynamoDB table (see DESIGN_DECISIONS.md, "Table and indexes"):
 * <ul>
 *   <li>key {@code id};</li>
 *   <li>index {@value #BY_STATUS}: {@code status} + {@code scheduledAt}, for filtered lists, the sweeper and
 *       status sync;</li>
 *   <li>index {@value #BY_SCHEDULED_AT}: constant {@code listPartition} + {@code scheduledAt}, for the
 *       unfiltered list;</li>
 *   <li>index {@value #BY_VIEW}: {@code viewLane} + {@code viewAt}, for the page's views ({@link CallView}).</li>
 * </ul>
 * Writes are conditional on the version read (optimistic locking). SDK failures are translated at this
 * boundary: a failed condition becomes {@link ConcurrentUpdateException}, anything else
 * {@link DependencyUnavailableException}.
 */
public final class DynamoDbCallStore implements CallStore {
    public static final String BY_STATUS = "byStatus";
    public static final String BY_SCHEDULED_AT = "byScheduledAt";
    public static final String BY_VIEW = "byView";
    private static final String ALL_FILTER = "ALL";

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final IndexReader reader;
    /** Conflicts on a number's counter tried again before giving up: concurrent creates for one number. */
    private static final int MAX_QUOTA_RACES = 50;

    public DynamoDbCallStore(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
        this.reader = new IndexReader(dynamoDb, tableName);
    }

    @Override
    public void insert(Call call) {
        try {
            call(() -> dynamoDb.putItem(r -> r.tableName(tableName).item(CallItems.toItem(call))
                    .conditionExpression("attribute_not_exists(id)")));
        } catch (ConditionalCheckFailedException e) {
            throw new ConcurrentUpdateException(call.id());
        }
    }

    @Override
    public void insert(Call call, IdempotencyRecord record) {
        insert(call, record, null);
    }

    /**
     * One transaction: the key's record (which must not exist, or be expired: DynamoDB's TTL deletes expired items
     * only eventually), the call (which must not exist) and the count of the number's calls that day (which must be
     * under the quota). Concurrent creates for one number meet on the counter: the loser of such a conflict tries
     * again, so that it is refused only by the count itself.
     */
    @Override
    public void insert(Call call, IdempotencyRecord record, NumberQuota quota) {
        if (record == null && quota == null) {
            insert(call);
            return;
        }
        List<TransactWriteItem> items = new ArrayList<>();
        if (record != null) {
            items.add(TransactWriteItem.builder().put(Put.builder().tableName(tableName).item(IdempotencyItems.toItem(record))
                    .conditionExpression("attribute_not_exists(id) OR #e < :now")
                    .expressionAttributeNames(Map.of("#e", IdempotencyItems.EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":now", AttributeValue.fromN(
                            Long.toString(call.createdAt().getEpochSecond()))))
                    .build()).build());
        }
        items.add(TransactWriteItem.builder().put(Put.builder().tableName(tableName).item(CallItems.toItem(call))
                .conditionExpression("attribute_not_exists(id)").build()).build());
        if (quota != null) {
            items.add(NumberQuotaItems.countOne(tableName, quota));
        }
        for (int race = 0; ; race++) {
            try {
                call(() -> dynamoDb.transactWriteItems(r -> r.transactItems(items)));
                return;
            } catch (TransactionCanceledException e) {
                List<String> outcomes = e.hasCancellationReasons()
                        ? e.cancellationReasons().stream().map(reason -> String.valueOf(reason.code())).toList() : List.of();
                if (record != null && !outcomes.isEmpty() && (outcomes.get(0).equals("ConditionalCheckFailed")
                        || outcomes.get(0).equals("TransactionConflict"))) {
                    // The key is held, or a concurrent request with it is writing it: either way it is not this request's.
                    throw new IdempotencyKeyTakenException(record.key());
                }
                String counted = quota == null || outcomes.isEmpty() ? "None" : outcomes.get(outcomes.size() - 1);
                if (counted.equals("ConditionalCheckFailed")) {
                    throw new NumberQuotaExceededException(quota);
                }
                if (!counted.equals("TransactionConflict") || race >= MAX_QUOTA_RACES) {
                    throw new ConcurrentUpdateException(call.id());
                }
            }
        }
    }

    @Override
    public Optional<IdempotencyRecord> findIdempotencyRecord(String key, Instant now) {
        GetItemResponse response = call(() -> dynamoDb.getItem(r -> r.tableName(tableName)
                .key(Map.of(CallItems.ID, AttributeValue.fromS(IdempotencyItems.itemId(key)))).consistentRead(true)));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(IdempotencyItems.fromItem(key, response.item())).filter(r -> r.isLiveAt(now))
                : Optional.empty();
    }

    @Override
    public Optional<Call> find(String id) {
        GetItemResponse response = call(() -> dynamoDb.getItem(r -> r.tableName(tableName)
                .key(Map.of(CallItems.ID, AttributeValue.fromS(id))).consistentRead(true)));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(CallItems.fromItem(response.item()))
                : Optional.empty();
    }

    @Override
    public Call replace(Call expected, Call updated) {
        if (!expected.id().equals(updated.id())) {
            throw new IllegalArgumentException("cannot replace call " + expected.id() + " with " + updated.id());
        }
        Call written = updated.withVersion(expected.version() + 1);
        if (expected.campaignId() != null && expected.status() != written.status()) {
            replaceCounted(expected, written);
            return written;
        }
        try {
            call(() -> dynamoDb.putItem(r -> r.tableName(tableName).item(CallItems.toItem(written))
                    .conditionExpression("#v = :v AND #s = :s")
                    .expressionAttributeNames(Map.of("#v", CallItems.VERSION, "#s", CallItems.STATUS))
                    .expressionAttributeValues(Map.of(
                            ":v", AttributeValue.fromN(Long.toString(expected.version())),
                            ":s", AttributeValue.fromS(expected.status().name())))));
        } catch (ConditionalCheckFailedException e) {
            throw new ConcurrentUpdateException(expected.id());
        }
        return written;
    }

    /**
     * A campaign call's change of status, and its campaign's counts moved from the old status to the new (and a dial
     * counted in its minute, for a claim: {@link CampaignCallCounts}), in one transaction: the counts are exact at
     * every moment. Calls of one campaign changing at once meet on the
     * campaign's item; the loser of such a conflict tries again, so that it fails only on the call's own condition.
     */
    private void replaceCounted(Call expected, Call written) {
        List<TransactWriteItem> items = List.of(
                TransactWriteItem.builder().put(Put.builder().tableName(tableName).item(CallItems.toItem(written))
                        .conditionExpression("#v = :v AND #s = :s")
                        .expressionAttributeNames(Map.of("#v", CallItems.VERSION, "#s", CallItems.STATUS))
                        .expressionAttributeValues(Map.of(":v", AttributeValue.fromN(Long.toString(expected.version())),
                                ":s", AttributeValue.fromS(expected.status().name()))).build()).build(),
                TransactWriteItem.builder().update(CampaignCallCounts.countsMoved(tableName, expected, written)).build());
        for (int race = 0; ; race++) {
            try {
                call(() -> dynamoDb.transactWriteItems(r -> r.transactItems(items)));
                return;
            } catch (TransactionCanceledException e) {
                String own = e.hasCancellationReasons() && !e.cancellationReasons().isEmpty()
                        ? String.valueOf(e.cancellationReasons().get(0).code()) : "None";
                if (own.equals("ConditionalCheckFailed") || race >= MAX_QUOTA_RACES) {
                    throw new ConcurrentUpdateException(expected.id());
                }
            }
        }
    }

    /**
     * One index partition per status (or the all-calls partition), read in order and merged by scheduled
     * time. Each partition resumes from its own cursor, kept in the page token. A search is a filter on the
     * Query, so each request reads at most {@value IndexReader#FILTERED_BUDGET} calls: no request grows with the table.
     */
    @Override
    public Page<Call> list(CallFilter filter, int limit, String pageToken) {
        List<IndexReader.Partition> partitions = filter.statuses().isEmpty()
                ? List.of(new IndexReader.Partition(ALL_FILTER, BY_SCHEDULED_AT, CallItems.LIST_PARTITION,
                        CallItems.LIST_PARTITION_VALUE, CallItems.SCHEDULED_AT, null))
                : filter.statuses().stream().sorted().map(status -> new IndexReader.Partition(status.name(), BY_STATUS,
                        CallItems.STATUS, status.name(), CallItems.SCHEDULED_AT, null)).toList();
        return calls(reader.read(partitions, false, filter.soonestFirst(), new IndexReader.Filter(filter.search(), Set.of()),
                limit, pageToken, filter.signature()));
    }

    /**
     * A view is one lane of the {@value #BY_VIEW} index (two for {@link CallView#NOW}: the active lane, then the
     * ended lane from {@code now} minus {@link CallView#RECENT}); statuses and search filter the Query.
     */
    @Override
    public Page<Call> list(CallView view, CallFilter filter, Instant now, int limit, String pageToken) {
        List<IndexReader.Partition> lanes = switch (view) {
            case NOW -> List.of(lane(CallView.Lane.ACTIVE, null),
                    lane(CallView.Lane.ENDED, CallItems.sortable(now.minus(CallView.RECENT))));
            case UPCOMING -> List.of(lane(CallView.Lane.UPCOMING, null));
            case HISTORY -> List.of(lane(CallView.Lane.ENDED, null));
        };
        return calls(reader.read(lanes, true, view == CallView.UPCOMING, new IndexReader.Filter(filter.search(),
                filter.statuses()), limit, pageToken, "view:" + view.name() + "|" + filter.signature()));
    }

    private static IndexReader.Partition lane(CallView.Lane lane, String from) {
        return new IndexReader.Partition(lane.name(), BY_VIEW, CallItems.VIEW_LANE, CallsTable.viewLane(lane),
                CallItems.VIEW_AT, from);
    }

    private static Page<Call> calls(Page<Map<String, AttributeValue>> items) {
        return new Page<>(items.items().stream().map(CallItems::fromItem).toList(), items.nextToken());
    }

    @Override
    public long count(CallStatus status, long cap) {
        return count(status, null, cap).count();
    }

    /** A COUNT Query of the status's partition, with the search as its filter, reading at most {@code cap} items. */
    @Override
    public Count count(CallStatus status, String search, long cap) {
        return countPartition(BY_STATUS, CallItems.STATUS, status.name(), null, null, search, cap);
    }

    @Override
    public Count count(CallView.Lane lane, Instant endedSince, String search, long cap) {
        return countPartition(BY_VIEW, CallItems.VIEW_LANE, CallsTable.viewLane(lane), CallItems.VIEW_AT,
                endedSince == null ? null : CallItems.sortable(endedSince), search, cap);
    }

    private Count countPartition(String index, String attribute, String value, String sortAttribute, String from,
                                 String search, long cap) {
        long counted = 0;
        long read = 0;
        Map<String, AttributeValue> startKey = null;
        Map<String, String> names = new HashMap<>(Map.of("#p", attribute));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":p", AttributeValue.fromS(value)));
        String keyCondition = "#p = :p";
        if (from != null) {
            names.put("#t", sortAttribute);
            values.put(":from", AttributeValue.fromS(from));
            keyCondition += " AND #t >= :from";
        }
        if (search != null) {
            names.put("#q", CallItems.SEARCH_TEXT);
            values.put(":q", AttributeValue.fromS(search));
        }
        do {
            // Limit counts the items read, before the search's filter: the cap bounds what a request reads.
            QueryRequest.Builder query = QueryRequest.builder().tableName(tableName).indexName(index)
                    .keyConditionExpression(keyCondition).select(Select.COUNT)
                    .limit((int) Math.min(cap - read, 1000))
                    .expressionAttributeNames(names).expressionAttributeValues(values);
            if (search != null) {
                query.filterExpression("contains(#q, :q)");
            }
            if (startKey != null) {
                query.exclusiveStartKey(startKey);
            }
            QueryResponse response = call(() -> dynamoDb.query(query.build()));
            counted += response.count();
            read += response.scannedCount() == null ? response.count() : response.scannedCount();
            startKey = response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : null;
        } while (startKey != null && read < cap);
        return new Count(Math.min(counted, cap), startKey != null);
    }

    @Override
    public List<Call> pageWithStatus(CallStatus status, Instant dueBy, IndexPosition after, int limit) {
        List<Call> page = new ArrayList<>(limit);
        Map<String, AttributeValue> startKey = after == null ? null : Map.of(
                CallItems.ID, AttributeValue.fromS(after.id()),
                CallItems.STATUS, AttributeValue.fromS(status.name()),
                CallItems.SCHEDULED_AT, AttributeValue.fromS(CallItems.sortable(after.scheduledAt())));
        do {
            QueryRequest.Builder query = QueryRequest.builder().tableName(tableName).indexName(BY_STATUS)
                    .keyConditionExpression("#s = :s AND #t <= :t").limit(limit - page.size())
                    .expressionAttributeNames(Map.of("#s", CallItems.STATUS, "#t", CallItems.SCHEDULED_AT))
                    .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(status.name()),
                            ":t", AttributeValue.fromS(CallItems.sortable(dueBy))));
            if (startKey != null) {
                query.exclusiveStartKey(startKey);
            }
            QueryResponse response = call(() -> dynamoDb.query(query.build()));
            response.items().forEach(item -> page.add(CallItems.fromItem(item)));
            startKey = response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : null;
        } while (startKey != null && page.size() < limit);
        return page;
    }

    @Override
    public Optional<IndexPosition> loadCursor(String name) {
        GetItemResponse response = call(() -> dynamoDb.getItem(r -> r.tableName(tableName)
                .key(Map.of(CallItems.ID, AttributeValue.fromS(CallsTable.syncCursor(name)))).consistentRead(true)));
        if (!response.hasItem() || response.item().isEmpty() || !response.item().containsKey("afterId")) {
            return Optional.empty();
        }
        return Optional.of(new IndexPosition(Instant.parse(response.item().get("afterScheduledAt").s()),
                response.item().get("afterId").s()));
    }

    @Override
    public void saveCursor(String name, IndexPosition position) {
        Map<String, AttributeValue> item = new HashMap<>(Map.of(CallItems.ID, AttributeValue.fromS(CallsTable.syncCursor(name))));
        if (position != null) {
            item.put("afterScheduledAt", AttributeValue.fromS(CallItems.sortable(position.scheduledAt())));
            item.put("afterId", AttributeValue.fromS(position.id()));
        }
        call(() -> dynamoDb.putItem(r -> r.tableName(tableName).item(item)));
    }

    static <T> T call(Supplier<T> request) {
        try {
            return request.get();
        } catch (ConditionalCheckFailedException | TransactionCanceledException e) {
            throw e;
        } catch (SdkException e) {
            throw new DependencyUnavailableException("DynamoDB request failed: " + e.getMessage(), e);
        }
    }
}
