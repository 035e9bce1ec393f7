package io.callscheduler.suppressions.dynamodb;

import io.callscheduler.dependencies.DependencyUnavailableException;
import io.callscheduler.store.CallFilter;
import io.callscheduler.store.Page;
import io.callscheduler.store.dynamodb.BatchReads;
import io.callscheduler.store.dynamodb.BatchWrites;
import io.callscheduler.store.dynamodb.InParallel;
import io.callscheduler.store.dynamodb.CallsTable;
import io.callscheduler.suppressions.Suppression;
import io.callscheduler.suppressions.SuppressionList;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static io.callscheduler.suppressions.dynamodb.SuppressionItems.ADDED_AT;
import static io.callscheduler.suppressions.dynamodb.SuppressionItems.CALL_ID;
import static io.callscheduler.suppressions.dynamodb.SuppressionItems.DIGIT;
import static io.callscheduler.suppressions.dynamodb.SuppressionItems.NUMBER;
import static io.callscheduler.suppressions.dynamodb.SuppressionItems.REASON;
import static io.callscheduler.suppressions.dynamodb.SuppressionItems.REASON_SEARCH;
import static io.callscheduler.suppressions.dynamodb.SuppressionItems.SOURCE;
import static io.callscheduler.suppressions.dynamodb.SuppressionItems.fromItem;
import static io.callscheduler.suppressions.dynamodb.SuppressionItems.key;
import static io.callscheduler.suppressions.dynamodb.SuppressionItems.s;

/**
 * The do-not-call list in the calls table: one item per number ({@link CallsTable#suppression}), read with a
 * strongly consistent GetItem (the check before a dial must see an entry added a second earlier), listed through
 * the sparse {@link CallsTable#BY_COLLECTION} index in number order, and deleted by the table's TTL some time after it
 * expires.
 */
public final class DynamoDbSuppressionList implements SuppressionList {
    /** Entries one request reads at most, matched or not. */
    static final int READ_BUDGET = SuppressionIndex.READ_BUDGET;
    /** Numbers asked at once from which {@link #screen} reads a short list whole rather than number by number. */
    static final int WHOLE_LIST_FROM = 1_000;
    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final SuppressionIndex index;

    public DynamoDbSuppressionList(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
        this.index = new SuppressionIndex(dynamoDb, tableName);
    }

    @Override
    public Suppression put(Suppression s) {
        Map<String, String> names = new HashMap<>(Map.of("#kind", CallsTable.COLLECTION, "#order", CallsTable.COLLECTION_ORDER,
                "#number", NUMBER, "#reason", REASON, "#reasonSearch", REASON_SEARCH, "#source", SOURCE,
                "#addedAt", ADDED_AT, "#expires", CallsTable.EXPIRES_AT, "#callId", CALL_ID, "#digit", DIGIT));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":kind", s(CallsTable.SUPPRESSION_KIND),
                ":number", s(s.number()), ":reason", s(s.reason()), ":reasonSearch", s(CallFilter.fold(s.reason())),
                ":source", s(s.source()), ":addedAt", s(s.addedAt().toString())));
        List<String> set = new ArrayList<>(List.of("#kind = :kind", "#order = :number", "#number = :number",
                "#reason = :reason", "#reasonSearch = :reasonSearch", "#source = :source",
                "#addedAt = if_not_exists(#addedAt, :addedAt)"));
        List<String> remove = new ArrayList<>();
        setOrRemove("#expires", ":expires", s.expiresAt() == null ? null
                : AttributeValue.fromN(Long.toString(s.expiresAt().getEpochSecond())), set, remove, values);
        setOrRemove("#callId", ":callId", s.callId() == null ? null : s(s.callId()), set, remove, values);
        setOrRemove("#digit", ":digit", s.digit() == null ? null : s(s.digit()), set, remove, values);
        String expression = "SET " + String.join(", ", set) + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove));
        try {
            return fromItem(dynamoDb.updateItem(r -> r.tableName(tableName).key(key(s.number()))
                    .updateExpression(expression).expressionAttributeNames(names).expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW)).attributes());
        } catch (SdkException e) {
            throw new DependencyUnavailableException("could not write to the do-not-call list: " + e.getMessage(), e);
        }
    }

    /**
     * BatchWriteItem, 25 entries a request: an import of thousands of numbers in hundreds of requests. Each item has
     * the shape {@link #put} leaves, so an imported number is read (and suppresses) exactly as one put by hand.
     */
    @Override
    public void putAll(List<Suppression> entries) {
        try {
            BatchWrites.put(dynamoDb, tableName, entries.stream().map(SuppressionItems::toItem).toList());
        } catch (SdkException e) {
            throw new DependencyUnavailableException("could not write to the do-not-call list: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean remove(String number) {
        try {
            return dynamoDb.deleteItem(r -> r.tableName(tableName).key(key(number)).returnValues(ReturnValue.ALL_OLD))
                    .hasAttributes();
        } catch (SdkException e) {
            throw new DependencyUnavailableException("could not write to the do-not-call list: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Suppression> find(String number) {
        try {
            var item = dynamoDb.getItem(r -> r.tableName(tableName).key(key(number)).consistentRead(true));
            return item.hasItem() && !item.item().isEmpty() ? Optional.of(fromItem(item.item())) : Optional.empty();
        } catch (SdkException e) {
            throw new DependencyUnavailableException("could not read the do-not-call list: " + e.getMessage(), e);
        }
    }

    /**
     * BatchGetItem (strongly consistent), 100 numbers a request, a few requests at a time: thousands of numbers are
     * asked in tens of requests, not thousands.
     */
    @Override
    public List<Suppression> findAll(java.util.Collection<String> numbers) {
        List<Map<String, AttributeValue>> keys = numbers.stream().distinct().map(SuppressionItems::key).toList();
        List<List<Map<String, AttributeValue>>> parts = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += BatchReads.MAX_KEYS) {
            parts.add(keys.subList(from, Math.min(keys.size(), from + BatchReads.MAX_KEYS)));
        }
        List<Suppression> found = java.util.Collections.synchronizedList(new ArrayList<>());
        try {
            InParallel.forEach(parts, part -> BatchReads.read(dynamoDb, tableName, part, null, item -> found.add(fromItem(item))));
        } catch (SdkException e) {
            throw new DependencyUnavailableException("could not read the do-not-call list: " + e.getMessage(), e);
        }
        return found;
    }

    /**
     * For {@value #WHOLE_LIST_FROM} numbers or more, the list itself is read first, through its index, as long as it
     * holds at most a tenth as many entries as numbers asked: a short list answers 10,000 numbers in a request or two
     * instead of a hundred. The index is eventually consistent, so an entry added within the last moment may be
     * missed here; the check right before each dial reads it consistently. Otherwise {@link #findAll}.
     */
    @Override
    public List<Suppression> screen(java.util.Collection<String> numbers) {
        java.util.Set<String> asked = new java.util.HashSet<>(numbers);
        if (asked.size() >= WHOLE_LIST_FROM) {
            List<Suppression> whole;
            try {
                whole = index.wholeListOfAtMost(asked.size() / 10);
            } catch (SdkException e) {
                throw new DependencyUnavailableException("could not read the do-not-call list: " + e.getMessage(), e);
            }
            if (whole != null) {
                return whole.stream().filter(s -> asked.contains(s.number())).toList();
            }
        }
        return findAll(asked);
    }

    @Override
    public Page<Suppression> page(String search, int limit, String nextToken) {
        return index.page(search, limit, nextToken);
    }

    private static void setOrRemove(String name, String placeholder, AttributeValue value, List<String> set,
                                    List<String> remove, Map<String, AttributeValue> values) {
        if (value == null) {
            remove.add(name);
        } else {
            set.add(name + " = " + placeholder);
            values.put(placeholder, value);
        }
    }


}
