package io.callscheduler.events.deliveries.dynamodb;

import io.callscheduler.events.deliveries.DeliveryAttempt;
import io.callscheduler.events.deliveries.DeliveryLog;
import io.callscheduler.events.deliveries.DeliveryRecord;
import io.callscheduler.events.deliveries.DeliveryState;
import io.callscheduler.events.delivery.DeliveryMessage;
import io.callscheduler.store.Page;
import io.callscheduler.store.dynamodb.CallsTable;
import io.callscheduler.store.dynamodb.CollectionOrderTokens;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import static io.callscheduler.store.dynamodb.SdkFailures.guarded;

/**
 * The delivery log in the calls table: one item per message and endpoint ({@link CallsTable#webhookDelivery}) holding
 * its body and its attempts (a list, 8 per send), listed newest first through the sparse byCollection index
 * ({@link CallsTable#webhookDeliveriesKey}); every write moves its TTL to 30 days ahead.
 */
public final class DynamoDbDeliveryLog implements DeliveryLog {
    private static final String ENDPOINT_ID = "endpointId";
    private static final String WEBHOOK_ID = "webhookId";
    private static final String EVENT_TYPE = "eventType";
    private static final String BODY = "body";
    private static final String STATE = "deliveryState";
    private static final String ATTEMPTS = "attempts";
    private static final String CREATED_AT = "createdAt";
    private static final String SEND_QUEUED_AT = "sendQueuedAt";
    /** The send in force's queuedAt in epoch ms, to compare a resend with (absent on records from before it). */
    private static final String SEND_QUEUED_MS = "sendQueuedMs";
    /** When the message was last skipped (epoch ms), for a recover after the endpoint is enabled again. */
    private static final String SKIPPED_MS = "skippedMs";
    private static final String LAST_ATTEMPT_AT = "lastAttemptAt";
    /** The last attempt's time in epoch ms, which compares as time (ISO strings of varying precision do not). */
    private static final String LAST_ATTEMPT_MS = "lastAttemptMs";
    private static final CollectionOrderTokens TOKENS = new CollectionOrderTokens(Pattern.compile("[0-9]{13}#msg_[0-9A-Za-z_-]{1,100}"), 300);

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    private final int maxRead;
    private final long answerBudgetChars;

    public DynamoDbDeliveryLog(DynamoDbClient dynamoDb, String tableName) {
        this(dynamoDb, tableName, MAX_READ, ANSWER_BUDGET_CHARS);
    }

    /**
     * @param maxRead           the records a filtered read reads at most ({@link #MAX_READ}; fewer in tests)
     * @param answerBudgetChars the worst-case characters of the records one page answers ({@link #ANSWER_BUDGET_CHARS})
     */
    public DynamoDbDeliveryLog(DynamoDbClient dynamoDb, String tableName, int maxRead, long answerBudgetChars) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
        this.maxRead = maxRead;
        this.answerBudgetChars = answerBudgetChars;
    }

    @Override
    public boolean begin(DeliveryMessage message, Instant now) {
        if (message.resend()) {
            try {
                upsert(message, now, "#state = :pending, #sendQueuedAt = :queuedAt, #sendQueuedMs = :queuedMs",
                        Map.of(":pending", s(DeliveryState.PENDING.name())), OLDER_SEND);
                return true;
            } catch (ConditionalCheckFailedException e) {
                // The record already names this send (a retry of it, SQS delivering it again) or a later one.
            }
        }
        Map<String, AttributeValue> item = upsert(message, now, "#state = if_not_exists(#state, :pending), "
                + "#sendQueuedAt = if_not_exists(#sendQueuedAt, :queuedAt), #sendQueuedMs = if_not_exists(#sendQueuedMs, :queuedMs)",
                Map.of(":pending", s(DeliveryState.PENDING.name())), null);
        return message.queuedAt().toString().equals(item.get(SEND_QUEUED_AT).s())
                && DeliveryState.PENDING.name().equals(item.get(STATE).s());
    }

    @Override
    public boolean skipped(DeliveryMessage message, Instant now) {
        Map<String, AttributeValue> skippedNow = Map.of(":skipped", s(DeliveryState.SKIPPED.name()), ":nowMs", n(now.toEpochMilli()));
        if (message.resend()) {
            try {
                // A resend skipped before its mark names itself, so that the late mark does not make it pending.
                upsert(message, now, "#state = :skipped, #skippedMs = :nowMs, #sendQueuedAt = :queuedAt, #sendQueuedMs = :queuedMs",
                        skippedNow, OLDER_SEND);
                return true;
            } catch (ConditionalCheckFailedException e) {
                // The record names this send already or a later one: as for any message, below.
            }
        }
        try {
            upsert(message, now, "#state = :skipped, #skippedMs = :nowMs, #sendQueuedAt = if_not_exists(#sendQueuedAt, :queuedAt), "
                    + "#sendQueuedMs = if_not_exists(#sendQueuedMs, :queuedMs)", withPending(skippedNow), THIS_SEND_UNFINISHED);
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * No record yet, or one naming this send that is still pending. A copy of a send already delivered, failed or
     * skipped, or of one that a replay replaced, must not overwrite it: SKIPPED over DELIVERED would let a recover send
     * the message again, and over a replay's PENDING would drop the replay when it arrives.
     */
    private static final String THIS_SEND_UNFINISHED = "attribute_not_exists(#state) OR (#state = :pending AND "
            + "(attribute_not_exists(#sendQueuedAt) OR #sendQueuedAt = :queuedAt))";

    private static Map<String, AttributeValue> withPending(Map<String, AttributeValue> values) {
        Map<String, AttributeValue> all = new HashMap<>(values);
        all.put(":pending", s(DeliveryState.PENDING.name()));
        return all;
    }

    @Override
    public void resend(DeliveryMessage message, Instant now) {
        try {
            upsert(message, now, "#state = :pending, #sendQueuedAt = :queuedAt, #sendQueuedMs = :queuedMs",
                    Map.of(":pending", s(DeliveryState.PENDING.name())), OLDER_SEND);
        } catch (ConditionalCheckFailedException e) {
            // The delivery took the resend over first (and may have finished it): its state stands.
        }
    }

    /** The record names no send, or one queued before the message: a resend may take its place. */
    private static final String OLDER_SEND = "attribute_not_exists(#sendQueuedMs) OR #sendQueuedMs < :queuedMs";

    /** Writes the message's identity where missing (the first write makes the item), then {@code set}; answers the item. */
    private Map<String, AttributeValue> upsert(DeliveryMessage m, Instant now, String set, Map<String, AttributeValue> more,
                                               String condition) {
        Map<String, AttributeValue> values = new HashMap<>(more);
        values.putAll(Map.of(":collection", s(CallsTable.webhookDeliveriesKey(m.endpointId())),
                ":order", s(CallsTable.webhookDeliveryOrder(now, m.webhookId())), ":endpointId", s(m.endpointId()),
                ":webhookId", s(m.webhookId()), ":eventType", s(m.eventType()), ":body", s(m.body()),
                ":now", s(now.toString()), ":queuedAt", s(m.queuedAt().toString()), ":expires", expiry(now),
                ":none", AttributeValue.fromL(List.of())));
        values.put(":queuedMs", n(m.queuedAt().toEpochMilli()));
        String update = "SET #collection = if_not_exists(#collection, :collection), #order = if_not_exists(#order, :order), "
                + "#endpointId = :endpointId, #webhookId = :webhookId, #eventType = if_not_exists(#eventType, :eventType), "
                + "#body = if_not_exists(#body, :body), #createdAt = if_not_exists(#createdAt, :now), "
                + "#attempts = if_not_exists(#attempts, :none), #expires = :expires, " + set;
        return guarded("write the webhook delivery log", () -> dynamoDb.updateItem(r -> r.tableName(tableName).key(key(m.endpointId(), m.webhookId()))
                .updateExpression(update).conditionExpression(condition)
                .expressionAttributeNames(namesIn(update + " " + (condition == null ? "" : condition)))
                .expressionAttributeValues(values).returnValues(ReturnValue.ALL_NEW))).attributes();
    }

    @Override
    public void recordAttempt(DeliveryMessage message, DeliveryAttempt attempt, DeliveryState state, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":one", AttributeValue.fromL(List.of(toItem(attempt))),
                ":none", AttributeValue.fromL(List.of()), ":at", s(attempt.at().toString()), ":expires", expiry(now),
                ":queuedAt", s(message.queuedAt().toString()), ":state", s(state.name()),
                ":atMs", n(attempt.at().toEpochMilli())));
        Map<String, AttributeValue> key = key(message.endpointId(), message.webhookId());
        String append = "SET #attempts = list_append(if_not_exists(#attempts, :none), :one), #lastAttemptAt = :at, "
                + "#lastAttemptMs = :atMs, #expires = :expires";
        try {
            guarded("write the webhook delivery log", () -> dynamoDb.updateItem(r -> r.tableName(tableName).key(key)
                    .updateExpression(append + ", #state = :state").conditionExpression("#sendQueuedAt = :queuedAt")
                    .expressionAttributeNames(namesIn(append + ", #state = :state #sendQueuedAt"))
                    .expressionAttributeValues(values)));
        } catch (ConditionalCheckFailedException e) {
            // A replay replaced this send while its attempt ran: keep the attempt, leave the state to the replay...
            values.remove(":queuedAt");
            if (state == DeliveryState.DELIVERED) {
                // ... unless the replay was skipped (the endpoint disabled meanwhile): the message did arrive, and a
                // record left SKIPPED would be sent again by a recover.
                Map<String, AttributeValue> delivered = new HashMap<>(values);
                delivered.put(":skipped", s(DeliveryState.SKIPPED.name()));
                try {
                    guarded("write the webhook delivery log", () -> dynamoDb.updateItem(r -> r.tableName(tableName).key(key)
                            .updateExpression(append + ", #state = :state").conditionExpression("#state = :skipped")
                            .expressionAttributeNames(namesIn(append + ", #state")).expressionAttributeValues(delivered)));
                    return;
                } catch (ConditionalCheckFailedException replayInForce) {
                    // The replay is pending or done: its state stands.
                }
            }
            values.remove(":state");
            guarded("write the webhook delivery log", () -> dynamoDb.updateItem(r -> r.tableName(tableName).key(key).updateExpression(append)
                    .expressionAttributeNames(namesIn(append)).expressionAttributeValues(values)));
        }
    }

    @Override
    public Optional<DeliveryRecord> find(String endpointId, String webhookId) {
        Map<String, AttributeValue> item = guarded("read the webhook delivery log", () -> dynamoDb.getItem(r -> r.tableName(tableName)
                .key(key(endpointId, webhookId)).consistentRead(true))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    @Override
    public Page<DeliveryRecord> page(String endpointId, DeliveryState state, int limit, String nextToken) {
        Filter filter = state == null ? null : new Filter("#state = :state", Map.of("#state", STATE),
                Map.of(":state", s(state.name())));
        return read(endpointId, filter, limit, nextToken);
    }

    @Override
    public Page<DeliveryRecord> recoverable(String endpointId, Instant since, String nextToken) {
        return read(endpointId, new Filter("(#state = :failed AND #lastAttemptMs >= :since) OR (#state = :skipped AND #skippedMs >= :since)",
                Map.of("#state", STATE, "#lastAttemptMs", LAST_ATTEMPT_MS, "#skippedMs", SKIPPED_MS),
                Map.of(":failed", s(DeliveryState.FAILED.name()), ":skipped", s(DeliveryState.SKIPPED.name()),
                        ":since", n(since.toEpochMilli()))), maxRead, nextToken);
    }

    /**
     * How many of the records, from the first, fit in one API answer: Lambda refuses an answer over 6 MB, which the
     * gateway turns into a bare 502. Records with long attempt histories (a message replayed many times) or answers
     * full of escaped characters end the page early, with a token; at least one record always fits (an item is at
     * most 400 KB).
     */
    private int fittingAnAnswer(List<DeliveryRecord> records) {
        long chars = 0;
        for (int i = 0; i < records.size(); i++) {
            chars += records.get(i).worstCaseAnswerChars();
            if (chars > answerBudgetChars && i > 0) {
                return i;
            }
        }
        return records.size();
    }

    /** Under Lambda's 6 MB answer, with room for the page's own fields and headers. */
    public static final long ANSWER_BUDGET_CHARS = 4_000_000;

    /** A filter on the log's records: DynamoDB still reads (and bills) what it filters out. */
    private record Filter(String expression, Map<String, String> names, Map<String, AttributeValue> values) {
    }

    /**
     * Up to {@code limit} records newest first; with a filter, from at most {@link #maxRead} read, ending with a token
     * at the last record read when the reading stopped there.
     */
    private Page<DeliveryRecord> read(String endpointId, Filter filter, int limit, String nextToken) {
        String before = nextToken == null ? null : TOKENS.place(nextToken);
        List<DeliveryRecord> found = new ArrayList<>();
        Map<String, AttributeValue> resumeAt = null;
        int read = 0;
        do {
            int toRead = filter == null ? limit + 1 - found.size() : maxRead - read;
            QueryResponse response = query(endpointId, filter, before, resumeAt, toRead);
            read += response.scannedCount();
            response.items().forEach(item -> found.add(fromItem(item)));
            resumeAt = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (found.size() <= limit && resumeAt != null && (filter == null || read < maxRead));
        int fitting = fittingAnAnswer(found);
        if (fitting < found.size() && fitting <= limit) {
            DeliveryRecord last = found.get(fitting - 1);
            return new Page<>(List.copyOf(found.subList(0, fitting)),
                    TOKENS.of(CallsTable.webhookDeliveryOrder(last.createdAt(), last.webhookId())));
        }
        if (found.size() > limit) {
            List<DeliveryRecord> page = found.subList(0, limit);
            DeliveryRecord last = page.get(limit - 1);
            return new Page<>(List.copyOf(page), TOKENS.of(CallsTable.webhookDeliveryOrder(last.createdAt(), last.webhookId())));
        }
        return new Page<>(found, resumeAt == null ? null : TOKENS.of(resumeAt.get(CallsTable.COLLECTION_ORDER).s()));
    }

    /** The endpoint's messages newest first, before a place in the log, filtered. */
    private QueryResponse query(String endpointId, Filter filter, String before, Map<String, AttributeValue> start, int limit) {
        Map<String, String> names = new HashMap<>(Map.of("#collection", CallsTable.COLLECTION));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":collection", s(CallsTable.webhookDeliveriesKey(endpointId))));
        String keyCondition = "#collection = :collection";
        if (before != null) {
            keyCondition += " AND #order < :before";
            names.put("#order", CallsTable.COLLECTION_ORDER);
            values.put(":before", s(before));
        }
        if (filter != null) {
            names.putAll(filter.names());
            values.putAll(filter.values());
        }
        String condition = keyCondition;
        return guarded("list the webhook delivery log", () -> dynamoDb.query(r -> {
            r.tableName(tableName).indexName(CallsTable.BY_COLLECTION).keyConditionExpression(condition)
                    .expressionAttributeNames(names).expressionAttributeValues(values).scanIndexForward(false)
                    .exclusiveStartKey(start).limit(limit);
            if (filter != null) {
                r.filterExpression(filter.expression());
            }
        }));
    }

    private static final Map<String, String> NAMES = Map.ofEntries(Map.entry("#collection", CallsTable.COLLECTION),
            Map.entry("#order", CallsTable.COLLECTION_ORDER), Map.entry("#endpointId", ENDPOINT_ID),
            Map.entry("#webhookId", WEBHOOK_ID), Map.entry("#eventType", EVENT_TYPE), Map.entry("#body", BODY),
            Map.entry("#createdAt", CREATED_AT), Map.entry("#attempts", ATTEMPTS), Map.entry("#expires", CallsTable.EXPIRES_AT),
            Map.entry("#state", STATE), Map.entry("#sendQueuedAt", SEND_QUEUED_AT), Map.entry("#lastAttemptAt", LAST_ATTEMPT_AT),
            Map.entry("#lastAttemptMs", LAST_ATTEMPT_MS), Map.entry("#sendQueuedMs", SEND_QUEUED_MS),
            Map.entry("#skippedMs", SKIPPED_MS));

    /** DynamoDB refuses names an expression does not use: just those that appear. */
    private static Map<String, String> namesIn(String expression) {
        Map<String, String> used = new HashMap<>();
        NAMES.forEach((name, attribute) -> {
            if (java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(name) + "\\b").matcher(expression).find()) {
                used.put(name, attribute);
            }
        });
        return used;
    }

    private static Map<String, AttributeValue> key(String endpointId, String webhookId) {
        return Map.of(CallsTable.ID, s(CallsTable.webhookDelivery(endpointId, webhookId)));
    }

    private static AttributeValue expiry(Instant now) {
        return n(now.plus(RETENTION).getEpochSecond());
    }

    private static AttributeValue toItem(DeliveryAttempt a) {
        Map<String, AttributeValue> item = new HashMap<>(Map.of("attempt", n(a.attempt()), "at", s(a.at().toString()),
                "latencyMs", n(a.latency().toMillis()), "response", s(a.response()), "outcome", s(a.outcome())));
        if (a.status() != null) {
            item.put("status", n(a.status()));
        }
        if (a.error() != null) {
            item.put("error", s(a.error()));
        }
        return AttributeValue.fromM(item);
    }

    private static DeliveryAttempt attemptOf(Map<String, AttributeValue> m) {
        return new DeliveryAttempt(Integer.parseInt(m.get("attempt").n()), Instant.parse(m.get("at").s()),
                m.containsKey("status") ? Integer.valueOf(m.get("status").n()) : null,
                java.time.Duration.ofMillis(Long.parseLong(m.get("latencyMs").n())), m.get("response").s(),
                m.containsKey("error") ? m.get("error").s() : null, m.get("outcome").s());
    }

    private static DeliveryRecord fromItem(Map<String, AttributeValue> item) {
        AttributeValue last = item.get(LAST_ATTEMPT_AT);
        return new DeliveryRecord(item.get(ENDPOINT_ID).s(), item.get(WEBHOOK_ID).s(), item.get(EVENT_TYPE).s(),
                item.get(BODY).s(), DeliveryState.valueOf(item.get(STATE).s()),
                item.get(ATTEMPTS).l().stream().map(a -> attemptOf(a.m())).toList(), Instant.parse(item.get(CREATED_AT).s()),
                Instant.parse(item.get(SEND_QUEUED_AT).s()), last == null ? null : Instant.parse(last.s()));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
