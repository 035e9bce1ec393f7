package io.callscheduler.store.dynamodb;

import io.callscheduler.destinations.NumberQuota;
import io.callscheduler.dependencies.DependencyUnavailableException;
import io.callscheduler.model.Call;
import io.callscheduler.model.CallStatus;
import io.callscheduler.model.IdempotencyRecord;
import io.callscheduler.store.CallFilter;
import io.callscheduler.store.CallStore;
import io.callscheduler.store.ConcurrentUpdateException;
import io.callscheduler.store.IdempotencyKeyTakenException;
import io.callscheduler.store.NumberQuotaExceededException;
import io.callscheduler.store.IndexPosition;
import io.callscheduler.store.InvalidPageTokenException;
import io.callscheduler.store.Page;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@link CallStore} on one DynamoDB table (see DESIGN_DECISIONS.md, "Table and indexes"):
 * <ul>
 *   <li>key {@code id};</li>
 *   <li>index {@value #BY_STATUS}: {@code status} + {@code scheduledAt}, for filtered lists, the sweeper and
 *       status sync;</li>
 *   <li>index {@value #BY_SCHEDULED_AT}: constant {@code listPartition} + {@code scheduledAt}, for the
 *       unfiltered list.</li>
 * </ul>
 * Writes are conditional on the version read (optimistic locking). SDK failures are translated at this
 * boundary: a failed condition becomes {@link ConcurrentUpdateException}, anything else
 * {@link DependencyUnavailableException}.
 */
public final class DynamoDbCallStore implements CallStore {
    public static final String BY_STATUS = "byStatus";
    public static final String BY_SCHEDULED_AT = "byScheduledAt";
    private static final Set<String> BY_STATUS_KEY = Set.of(CallItems.ID, CallItems.STATUS, CallItems.SCHEDULED_AT);
    private static final Set<String> BY_TIME_KEY = Set.of(CallItems.ID, CallItems.LIST_PARTITION, CallItems.SCHEDULED_AT);
    private static final String ALL_FILTER = "ALL";
    /** Items holding where the status sync's readers stopped; not calls, and in no index. */
    /** Calls a searching list request may read before it returns what it found (and a token to go on). */
    private static final long SEARCH_BUDGET = 1000;
    private static final int SEARCH_BATCH = 100;

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    /** Conflicts on a number's counter tried again before giving up: concurrent creates for one number. */
    private static final int MAX_QUOTA_RACES = 50;

    public DynamoDbCallStore(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
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
     * One index partition per status (or the all-calls partition), read in order and merged by scheduled
     * time. Each partition resumes from its own cursor, kept in the page token. A search is a filter on the
     * Query, so each request reads at most {@value #SEARCH_BUDGET} calls: no request grows with the table.
     */
    @Override
    public Page<Call> list(CallFilter filter, int limit, String pageToken) {
        boolean ascending = filter.soonestFirst();
        List<Partition> partitions = filter.statuses().isEmpty()
                ? List.of(new Partition(ALL_FILTER, BY_SCHEDULED_AT, CallItems.LIST_PARTITION, CallItems.LIST_PARTITION_VALUE, BY_TIME_KEY))
                : filter.statuses().stream().sorted().map(status -> new Partition(status.name(), BY_STATUS,
                        CallItems.STATUS, status.name(), BY_STATUS_KEY)).toList();
        if (pageToken != null) {
            Map<String, Map<String, AttributeValue>> cursors = PageTokens.decode(pageToken, filter.signature(),
                    partitions.stream().map(p -> p.name).collect(Collectors.toSet()), partitions.get(0).keyNames);
            partitions.forEach(p -> p.startFrom(cursors.get(p.name)));
        }
        long budget = filter.search() == null ? Long.MAX_VALUE : SEARCH_BUDGET;
        int batch = filter.search() == null ? limit : Math.max(limit, SEARCH_BATCH);
        long evaluated = 0;
        List<Call> page = new ArrayList<>();
        while (page.size() < limit) {
            for (Partition partition : partitions) {
                while (partition.needsMore() && evaluated < budget) {
                    evaluated += fetch(partition, filter.search(), ascending, batch, pageToken != null);
                }
            }
            // The next call overall can only be chosen when every partition that may still hold one has
            // something buffered; otherwise (search budget spent) stop here and resume next time.
            if (partitions.stream().anyMatch(Partition::needsMore)) {
                break;
            }
            Partition next = null;
            for (Partition partition : partitions) {
                if (!partition.buffer.isEmpty() && (next == null || comesBefore(partition.head(), next.head(), ascending))) {
                    next = partition;
                }
            }
            if (next == null) {
                break;
            }
            page.add(CallItems.fromItem(next.consume()));
        }
        Map<String, Map<String, AttributeValue>> cursors = new LinkedHashMap<>();
        partitions.forEach(p -> cursors.put(p.name, p.resume));
        return new Page<>(page, PageTokens.encode(filter.signature(), cursors));
    }

    /** Reads one batch of a partition into its buffer; returns how many items DynamoDB evaluated. */
    private int fetch(Partition partition, String search, boolean ascending, int batch, boolean fromToken) {
        Map<String, String> names = new HashMap<>(Map.of("#p", partition.attribute));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":p", AttributeValue.fromS(partition.value)));
        QueryRequest.Builder query = QueryRequest.builder().tableName(tableName).indexName(partition.index)
                .keyConditionExpression("#p = :p").scanIndexForward(ascending).limit(batch);
        if (search != null) {
            names.put("#q", CallItems.SEARCH_TEXT);
            values.put(":q", AttributeValue.fromS(search));
            query.filterExpression("contains(#q, :q)");
        }
        query.expressionAttributeNames(names).expressionAttributeValues(values);
        if (partition.startKey != null) {
            query.exclusiveStartKey(partition.startKey);
        }
        QueryResponse response;
        try {
            response = call(() -> dynamoDb.query(query.build()));
        } catch (DependencyUnavailableException e) {
            if (fromToken && e.getCause() instanceof DynamoDbException dynamo && dynamo.statusCode() == 400) {
                throw new InvalidPageTokenException("DynamoDB refused its key");
            }
            throw e;
        }
        partition.received(response.items(), response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : null);
        return Math.max(1, response.scannedCount() == null ? response.items().size() : response.scannedCount());
    }

    private static boolean comesBefore(Map<String, AttributeValue> a, Map<String, AttributeValue> b, boolean ascending) {
        int order = a.get(CallItems.SCHEDULED_AT).s().compareTo(b.get(CallItems.SCHEDULED_AT).s());
        return ascending ? order < 0 : order > 0;
    }

    /**
     * One index partition being read for a list: what has been fetched but not yet listed, where the next
     * fetch starts, and where a later page must resume so that nothing is skipped or repeated.
     */
    private static final class Partition {
        final String name;
        final String index;
        final String attribute;
        final String value;
        final Set<String> keyNames;
        final Deque<Map<String, AttributeValue>> buffer = new ArrayDeque<>();
        /** Where the next fetch starts; null for the start of the partition. */
        Map<String, AttributeValue> startKey;
        boolean exhausted;
        /** Where a later page resumes: null (the start), a key (exclusive), or {@link PageTokens#DONE}. */
        Map<String, AttributeValue> resume;

        Partition(String name, String index, String attribute, String value, Set<String> keyNames) {
            this.name = name;
            this.index = index;
            this.attribute = attribute;
            this.value = value;
            this.keyNames = keyNames;
        }

        void startFrom(Map<String, AttributeValue> cursor) {
            resume = cursor;
            startKey = cursor == PageTokens.DONE ? null : cursor;
            exhausted = cursor == PageTokens.DONE;
        }

        boolean needsMore() {
            return buffer.isEmpty() && !exhausted;
        }

        Map<String, AttributeValue> head() {
            return buffer.peekFirst();
        }

        void received(List<Map<String, AttributeValue>> items, Map<String, AttributeValue> lastEvaluatedKey) {
            buffer.addAll(items);
            startKey = lastEvaluatedKey;
            exhausted = lastEvaluatedKey == null;
            if (items.isEmpty()) {
                // Everything read so far was listed or filtered out: resume after it.
                resume = exhausted ? PageTokens.DONE : lastEvaluatedKey;
            }
        }

        Map<String, AttributeValue> consume() {
            Map<String, AttributeValue> item = buffer.removeFirst();
            if (buffer.isEmpty()) {
                resume = exhausted ? PageTokens.DONE : startKey;
            } else {
                Map<String, AttributeValue> key = new HashMap<>();
                keyNames.forEach(k -> key.put(k, item.get(k)));
                resume = key;
            }
            return item;
        }
    }

    @Override
    public long count(CallStatus status, long cap) {
        long counted = 0;
        Map<String, AttributeValue> startKey = null;
        do {
            QueryRequest.Builder query = QueryRequest.builder().tableName(tableName).indexName(BY_STATUS)
                    .keyConditionExpression("#s = :s").select(Select.COUNT)
                    .limit((int) Math.min(cap - counted, 1000))
                    .expressionAttributeNames(Map.of("#s", CallItems.STATUS))
                    .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(status.name())));
            if (startKey != null) {
                query.exclusiveStartKey(startKey);
            }
            QueryResponse response = call(() -> dynamoDb.query(query.build()));
            counted += response.count();
            startKey = response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : null;
        } while (startKey != null && counted < cap);
        return Math.min(counted, cap);
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

    private static <T> T call(Supplier<T> request) {
        try {
            return request.get();
        } catch (ConditionalCheckFailedException | TransactionCanceledException e) {
            throw e;
        } catch (SdkException e) {
            throw new DependencyUnavailableException("DynamoDB request failed: " + e.getMessage(), e);
        }
    }
}
