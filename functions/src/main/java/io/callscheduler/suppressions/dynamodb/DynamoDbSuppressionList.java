package io.callscheduler.suppressions.dynamodb;

import io.callscheduler.dependencies.DependencyUnavailableException;
import io.callscheduler.store.CallFilter;
import io.callscheduler.store.InvalidPageTokenException;
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
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The do-not-call list in the calls table: one item per number ({@link CallsTable#suppression}), read with a
 * strongly consistent GetItem (the check before a dial must see an entry added a second earlier), listed through
 * the sparse {@link CallsTable#BY_COLLECTION} index in number order, and deleted by the table's TTL some time after it
 * expires.
 */
public final class DynamoDbSuppressionList implements SuppressionList {
    private static final String NUMBER = "number";
    private static final String REASON = "reason";
    /** The reason folded as searches are ({@link CallFilter#fold}), so that a search ignores case and accents. */
    private static final String REASON_SEARCH = "reasonSearch";
    private static final String SOURCE = "source";
    private static final String ADDED_AT = "addedAt";
    private static final String CALL_ID = "callId";
    private static final String DIGIT = "digit";
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final int MAX_READ = 200;

    /** Entries one request reads at most, matched or not. */
    static final int READ_BUDGET = 1_000;
    /** Numbers asked at once from which {@link #screen} reads a short list whole rather than number by number. */
    static final int WHOLE_LIST_FROM = 1_000;
    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbSuppressionList(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
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
            BatchWrites.put(dynamoDb, tableName, entries.stream().map(DynamoDbSuppressionList::toItem).toList());
        } catch (SdkException e) {
            throw new DependencyUnavailableException("could not write to the do-not-call list: " + e.getMessage(), e);
        }
    }

    private static Map<String, AttributeValue> toItem(Suppression s) {
        Map<String, AttributeValue> item = new HashMap<>(key(s.number()));
        item.put(CallsTable.COLLECTION, s(CallsTable.SUPPRESSION_KIND));
        item.put(CallsTable.COLLECTION_ORDER, s(s.number()));
        item.put(NUMBER, s(s.number()));
        item.put(REASON, s(s.reason()));
        item.put(REASON_SEARCH, s(CallFilter.fold(s.reason())));
        item.put(SOURCE, s(s.source()));
        item.put(ADDED_AT, s(s.addedAt().toString()));
        if (s.expiresAt() != null) {
            item.put(CallsTable.EXPIRES_AT, AttributeValue.fromN(Long.toString(s.expiresAt().getEpochSecond())));
        }
        if (s.callId() != null) {
            item.put(CALL_ID, s(s.callId()));
        }
        if (s.digit() != null) {
            item.put(DIGIT, s(s.digit()));
        }
        return item;
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
        List<Map<String, AttributeValue>> keys = numbers.stream().distinct().map(DynamoDbSuppressionList::key).toList();
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
                whole = wholeListOfAtMost(asked.size() / 10);
            } catch (SdkException e) {
                throw new DependencyUnavailableException("could not read the do-not-call list: " + e.getMessage(), e);
            }
            if (whole != null) {
                return whole.stream().filter(s -> asked.contains(s.number())).toList();
            }
        }
        return findAll(asked);
    }

    /**
     * Reads the index from where the last page stopped, filtering by the search, until the page is full, the index
     * ends, or {@value #READ_BUDGET} entries were read (a rare search over a long list then answers a short page with a
     * token to read on, rather than reading the whole list in one request); a token is the last number read or
     * returned (DynamoDB's own resume key may lie past entries a full page left).
     */
    @Override
    public Page<Suppression> page(String search, int limit, String nextToken) {
        String after = nextToken == null ? null : PageToken.after(nextToken, search);
        List<Suppression> found = new ArrayList<>();
        Map<String, AttributeValue> resumeAt = null;
        boolean more;
        int read = 0;
        try {
            do {
                QueryResponse response = dynamoDb.query(query(search, after, resumeAt, Math.min(MAX_READ, limit * 2)));
                read += response.scannedCount();
                int taken = 0;
                for (Map<String, AttributeValue> item : response.items()) {
                    if (found.size() == limit) {
                        break;
                    }
                    found.add(fromItem(item));
                    taken++;
                }
                resumeAt = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                        ? response.lastEvaluatedKey() : null;
                more = taken < response.items().size() || resumeAt != null;
            } while (found.size() < limit && resumeAt != null && read < READ_BUDGET);
        } catch (SdkException e) {
            throw new DependencyUnavailableException("could not read the do-not-call list: " + e.getMessage(), e);
        }
        if (found.size() < limit && resumeAt != null) {
            return new Page<>(found, PageToken.of(resumeAt.get(CallsTable.COLLECTION_ORDER).s(), search)); // cut short
        }
        return new Page<>(found, found.size() == limit && more ? PageToken.of(found.get(found.size() - 1).number(), search) : null);
    }

    /** Every entry, read through the index, or null as soon as there are more than {@code most}. */
    private List<Suppression> wholeListOfAtMost(int most) {
        List<Suppression> whole = new ArrayList<>();
        Map<String, AttributeValue> resumeAt = null;
        do {
            QueryResponse response = dynamoDb.query(query(null, null, resumeAt, Math.min(READ_BUDGET, most + 1)));
            response.items().forEach(item -> whole.add(fromItem(item)));
            if (whole.size() > most) {
                return null;
            }
            resumeAt = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (resumeAt != null);
        return whole;
    }

    private QueryRequest query(String search, String after, Map<String, AttributeValue> resumeAt, int readLimit) {
        Map<String, String> names = new HashMap<>(Map.of("#kind", CallsTable.COLLECTION));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":kind", s(CallsTable.SUPPRESSION_KIND)));
        String condition = "#kind = :kind";
        if (after != null) {
            condition += " AND #order > :after";
            names.put("#order", CallsTable.COLLECTION_ORDER);
            values.put(":after", s(after));
        }
        QueryRequest.Builder request = QueryRequest.builder().tableName(tableName).indexName(CallsTable.BY_COLLECTION)
                .keyConditionExpression(condition).limit(readLimit).exclusiveStartKey(resumeAt);
        if (search != null) {
            names.put("#number", NUMBER);
            names.put("#reasonSearch", REASON_SEARCH);
            values.put(":q", s(search));
            request.filterExpression("contains(#number, :q) OR contains(#reasonSearch, :q)");
        }
        return request.expressionAttributeNames(names).expressionAttributeValues(values).build();
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

    private static Map<String, AttributeValue> key(String number) {
        return Map.of(CallsTable.ID, s(CallsTable.suppression(number)));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static Suppression fromItem(Map<String, AttributeValue> item) {
        AttributeValue expires = item.get(CallsTable.EXPIRES_AT);
        return new Suppression(item.get(NUMBER).s(), item.get(REASON).s(), item.get(SOURCE).s(),
                expires == null ? null : Instant.ofEpochSecond(Long.parseLong(expires.n())),
                Instant.parse(item.get(ADDED_AT).s()), text(item, CALL_ID), text(item, DIGIT));
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    /** Opaque to callers: base64url of the search and the last number returned, refused for another search. */
    private static final class PageToken {
        static String of(String lastNumber, String search) {
            return Base64.getUrlEncoder().withoutPadding().encodeToString((lastNumber + "\n" + (search == null ? "" : search))
                    .getBytes(StandardCharsets.UTF_8));
        }

        static String after(String token, String search) {
            String decoded;
            try {
                decoded = token.length() > 400 ? null
                        : new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                decoded = null;
            }
            int split = decoded == null ? -1 : decoded.indexOf('\n');
            if (split < 0 || !E164.matcher(decoded.substring(0, split)).matches()) {
                throw new InvalidPageTokenException("not a token from this API");
            }
            if (!decoded.substring(split + 1).equals(search == null ? "" : search)) {
                throw new InvalidPageTokenException("it belongs to another search");
            }
            return decoded.substring(0, split);
        }
    }
}
