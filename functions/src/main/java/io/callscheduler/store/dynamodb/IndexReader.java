package io.callscheduler.store.dynamodb;

import io.callscheduler.dependencies.DependencyUnavailableException;
import io.callscheduler.model.CallStatus;
import io.callscheduler.store.InvalidPageTokenException;
import io.callscheduler.store.Page;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads one page of a list from index partitions, each a Query in sort-key order that resumes from its own cursor
 * in the page token ({@link PageTokens}): merged by sort key, or one after the other. A filtered list (a search or
 * statuses within a view) is a FilterExpression on the Query, so a request reads at most {@value #FILTERED_BUDGET}
 * items: no request grows with the table, and a page may hold fewer than asked and still have a next token.
 */
final class IndexReader {
    /** Items a filtered list request may read before it returns what it found (and a token to go on). */
    static final long FILTERED_BUDGET = 1000;
    private static final int FILTERED_BATCH = 100;

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    IndexReader(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    /** What a list keeps of what it reads: calls containing {@code search}, with any of {@code statuses} (any when empty). */
    record Filter(String search, Set<CallStatus> statuses) {
        boolean isEmpty() {
            return search == null && statuses.isEmpty();
        }
    }

    /**
     * @param concatenate true: each partition to its end before the next; false: merged by sort key
     * @param signature   what the list is, so that its tokens are refused for any other list
     */
    Page<Map<String, AttributeValue>> read(List<Partition> partitions, boolean concatenate, boolean ascending,
                                           Filter filter, int limit, String pageToken, String signature) {
        if (pageToken != null) {
            Map<String, Map<String, AttributeValue>> cursors = PageTokens.decode(pageToken, signature,
                    partitions.stream().map(p -> p.name).collect(Collectors.toSet()), partitions.get(0).keyNames);
            partitions.forEach(p -> p.startFrom(cursors.get(p.name)));
        }
        long budget = filter.isEmpty() ? Long.MAX_VALUE : FILTERED_BUDGET;
        int batch = filter.isEmpty() ? limit : Math.max(limit, FILTERED_BATCH);
        long evaluated = 0;
        List<Map<String, AttributeValue>> page = new ArrayList<>();
        while (page.size() < limit) {
            List<Partition> candidates = concatenate
                    ? partitions.stream().filter(p -> !p.finished()).limit(1).toList()
                    : partitions;
            for (Partition partition : candidates) {
                while (partition.needsMore() && evaluated < budget) {
                    evaluated += fetch(partition, filter, ascending, batch, pageToken != null);
                }
            }
            // The next item can only be chosen when every partition that may still hold one has something
            // buffered; otherwise (budget spent) stop here and resume next time.
            if (candidates.stream().anyMatch(Partition::needsMore)) {
                break;
            }
            Partition next = null;
            for (Partition partition : candidates) {
                if (!partition.buffer.isEmpty() && (next == null || comesBefore(partition, next, ascending))) {
                    next = partition;
                }
            }
            if (next == null) {
                if (concatenate && !candidates.isEmpty()) {
                    continue; // that partition just ran out: go on with the next
                }
                break;
            }
            Map<String, AttributeValue> item = next.consume();
            // A view read lane after lane can meet a call twice: one that ended between the two lanes' queries.
            if (!concatenate || page.stream().noneMatch(seen -> seen.get(CallItems.ID).equals(item.get(CallItems.ID)))) {
                page.add(item);
            }
        }
        Map<String, Map<String, AttributeValue>> cursors = new LinkedHashMap<>();
        partitions.forEach(p -> cursors.put(p.name, p.resume));
        return new Page<>(page, PageTokens.encode(signature, cursors));
    }

    /** Reads one batch of a partition into its buffer; returns how many items DynamoDB evaluated. */
    private int fetch(Partition partition, Filter filter, boolean ascending, int batch, boolean fromToken) {
        Map<String, String> names = new HashMap<>(Map.of("#p", partition.attribute));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":p", AttributeValue.fromS(partition.value)));
        String keyCondition = "#p = :p";
        if (partition.sortKeyFrom != null) {
            names.put("#t", partition.sortAttribute);
            values.put(":from", AttributeValue.fromS(partition.sortKeyFrom));
            keyCondition += " AND #t >= :from";
        }
        QueryRequest.Builder query = QueryRequest.builder().tableName(tableName).indexName(partition.index)
                .keyConditionExpression(keyCondition).scanIndexForward(ascending).limit(batch);
        List<String> conditions = new ArrayList<>();
        if (filter.search() != null) {
            names.put("#q", CallItems.SEARCH_TEXT);
            values.put(":q", AttributeValue.fromS(filter.search()));
            conditions.add("contains(#q, :q)");
        }
        if (!filter.statuses().isEmpty()) {
            names.put("#s", CallItems.STATUS);
            List<String> placeholders = new ArrayList<>();
            filter.statuses().stream().sorted().forEach(status -> {
                String placeholder = ":s" + placeholders.size();
                placeholders.add(placeholder);
                values.put(placeholder, AttributeValue.fromS(status.name()));
            });
            conditions.add("#s IN (" + String.join(", ", placeholders) + ")");
        }
        if (!conditions.isEmpty()) {
            query.filterExpression(String.join(" AND ", conditions));
        }
        query.expressionAttributeNames(names).expressionAttributeValues(values);
        if (partition.startKey != null) {
            query.exclusiveStartKey(partition.startKey);
        }
        QueryResponse response;
        try {
            response = DynamoDbCallStore.call(() -> dynamoDb.query(query.build()));
        } catch (DependencyUnavailableException e) {
            // Only a key DynamoDB finds invalid is the token's fault; throttling is also a 400, and stays a 503.
            if (fromToken && e.getCause() instanceof DynamoDbException dynamo && dynamo.statusCode() == 400
                    && dynamo.awsErrorDetails() != null && "ValidationException".equals(dynamo.awsErrorDetails().errorCode())) {
                throw new InvalidPageTokenException("DynamoDB refused its key");
            }
            throw e;
        }
        partition.received(response.items(), response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : null);
        return Math.max(1, response.scannedCount() == null ? response.items().size() : response.scannedCount());
    }

    private static boolean comesBefore(Partition a, Partition b, boolean ascending) {
        int order = a.head().get(a.sortAttribute).s().compareTo(b.head().get(b.sortAttribute).s());
        return ascending ? order < 0 : order > 0;
    }

    /**
     * One index partition being read for a list: what has been fetched but not yet listed, where the next
     * fetch starts, and where a later page must resume so that nothing is skipped or repeated.
     */
    static final class Partition {
        final String name;
        final String index;
        final String attribute;
        final String value;
        final String sortAttribute;
        /** The smallest sort key read (inclusive), or null for the whole partition; only for a partition read newest first. */
        final String sortKeyFrom;
        final Set<String> keyNames;
        final Deque<Map<String, AttributeValue>> buffer = new ArrayDeque<>();
        /** Where the next fetch starts; null for the start of the partition. */
        Map<String, AttributeValue> startKey;
        boolean exhausted;
        /** Where a later page resumes: null (the start), a key (exclusive), or {@link PageTokens#DONE}. */
        Map<String, AttributeValue> resume;

        /** @param name what the page token calls it: unique within a list */
        Partition(String name, String index, String attribute, String value, String sortAttribute, String sortKeyFrom) {
            this.name = name;
            this.index = index;
            this.attribute = attribute;
            this.value = value;
            this.sortAttribute = sortAttribute;
            this.sortKeyFrom = sortKeyFrom;
            this.keyNames = Set.of(CallItems.ID, attribute, sortAttribute);
        }

        void startFrom(Map<String, AttributeValue> cursor) {
            if (cursor != null && cursor != PageTokens.DONE && sortKeyFrom != null
                    && cursor.get(sortAttribute).s().compareTo(sortKeyFrom) < 0) {
                // Read newest first, it stopped before the partition's bound moved past it (the last hour slid on):
                // all that is left is older than the bound. DynamoDB would refuse a start key outside the range.
                cursor = PageTokens.DONE;
            }
            resume = cursor;
            startKey = cursor == PageTokens.DONE ? null : cursor;
            exhausted = cursor == PageTokens.DONE;
        }

        boolean needsMore() {
            return buffer.isEmpty() && !exhausted;
        }

        boolean finished() {
            return buffer.isEmpty() && exhausted;
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
}
