package io.callscheduler.events.endpoints.dynamodb;

import io.callscheduler.events.endpoints.EndpointChangedException;
import io.callscheduler.events.endpoints.EndpointNotFoundException;
import io.callscheduler.events.endpoints.EndpointStore;
import io.callscheduler.events.endpoints.WebhookEndpoint;
import io.callscheduler.store.Page;
import io.callscheduler.store.dynamodb.CallsTable;
import io.callscheduler.store.dynamodb.CollectionOrderTokens;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

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
 * Webhook endpoints in the calls table: one item each ({@link CallsTable#webhookEndpoint}), read strongly
 * consistent, listed in creation order through the sparse {@link CallsTable#BY_COLLECTION} index, written under the
 * endpoint's version. The item also holds the secret rotation counter, the guard against two rotations at once.
 */
public final class DynamoDbEndpointStore implements EndpointStore {
    static final String ENDPOINT_ID = "endpointId";
    static final String URL = "url";
    static final String EVENTS = "events";
    static final String DESCRIPTION = "description";
    static final String DISABLED = "disabled";
    static final String CREATED_AT = "createdAt";
    static final String UPDATED_AT = "updatedAt";
    static final String VERSION = "version";
    static final String SECRET_ROTATION = "secretRotation";
    static final String ROTATION_STARTED_AT = "rotationStartedAt";
    private static final CollectionOrderTokens TOKENS = new CollectionOrderTokens(Pattern.compile("[0-9]{13}#[0-9a-f-]{36}"), 200);

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbEndpointStore(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    @Override
    public void create(WebhookEndpoint endpoint) {
        Map<String, AttributeValue> item = toItem(endpoint);
        item.put(SECRET_ROTATION, n(0));
        item.put(ROTATION_STARTED_AT, n(endpoint.createdAt().toEpochMilli()));
        guarded("write webhook endpoints", () -> dynamoDb.putItem(r -> r.tableName(tableName).item(item)
                .conditionExpression("attribute_not_exists(#id)").expressionAttributeNames(Map.of("#id", CallsTable.ID))));
    }

    @Override
    public Optional<WebhookEndpoint> find(String id) {
        Map<String, AttributeValue> item = guarded("read webhook endpoints", () -> dynamoDb.getItem(r -> r.tableName(tableName).key(key(id))
                .consistentRead(true))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    @Override
    public void update(WebhookEndpoint endpoint, long expectedVersion) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":url", s(endpoint.url()),
                ":events", AttributeValue.fromL(endpoint.events().stream().map(DynamoDbEndpointStore::s).toList()),
                ":disabled", AttributeValue.fromBool(endpoint.disabled()), ":updatedAt", s(endpoint.updatedAt().toString()),
                ":version", n(endpoint.version()), ":expected", n(expectedVersion)));
        Map<String, String> names = new HashMap<>(Map.of("#url", URL, "#events", EVENTS, "#disabled", DISABLED,
                "#updatedAt", UPDATED_AT, "#version", VERSION, "#description", DESCRIPTION));
        String expression = "SET #url = :url, #events = :events, #disabled = :disabled, #updatedAt = :updatedAt, "
                + "#version = :version";
        if (endpoint.description() == null) {
            expression += " REMOVE #description";
        } else {
            expression += ", #description = :description";
            values.put(":description", s(endpoint.description()));
        }
        String update = expression;
        try {
            guarded("write webhook endpoints", () -> dynamoDb.updateItem(r -> r.tableName(tableName).key(key(endpoint.id()))
                    .updateExpression(update).conditionExpression("#version = :expected")
                    .expressionAttributeNames(names).expressionAttributeValues(values)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));
        } catch (ConditionalCheckFailedException e) {
            if (!e.hasItem() || e.item().isEmpty()) {
                throw new EndpointNotFoundException(endpoint.id());
            }
            throw new EndpointChangedException("the endpoint changed while this request ran; read it again and retry");
        }
    }

    @Override
    public boolean delete(String id) {
        Map<String, AttributeValue> old = guarded("delete webhook endpoints", () -> dynamoDb.deleteItem(r -> r.tableName(tableName).key(key(id))
                .returnValues(ReturnValue.ALL_OLD))).attributes();
        return old != null && !old.isEmpty();
    }

    @Override
    public boolean claimRotation(String id, long rotation, Instant now, Instant staleBefore) {
        try {
            guarded("write webhook endpoints", () -> dynamoDb.updateItem(r -> r.tableName(tableName).key(key(id))
                    .updateExpression("SET #rotation = :rotation, #startedAt = :now")
                    .conditionExpression("attribute_exists(#id) AND (#rotation = :previous "
                            + "OR (#rotation = :rotation AND #startedAt < :staleBefore))")
                    .expressionAttributeNames(Map.of("#id", CallsTable.ID, "#rotation", SECRET_ROTATION,
                            "#startedAt", ROTATION_STARTED_AT))
                    .expressionAttributeValues(Map.of(":rotation", n(rotation), ":previous", n(rotation - 1),
                            ":now", n(now.toEpochMilli()), ":staleBefore", n(staleBefore.toEpochMilli())))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));
            return true;
        } catch (ConditionalCheckFailedException e) {
            if (!e.hasItem() || e.item().isEmpty()) {
                throw new EndpointNotFoundException(id);
            }
            return false;
        }
    }

    @Override
    public Page<WebhookEndpoint> page(int limit, String nextToken) {
        String after = nextToken == null ? null : TOKENS.place(nextToken);
        Map<String, String> names = new HashMap<>(Map.of("#collection", CallsTable.COLLECTION));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":collection", s(CallsTable.WEBHOOK_ENDPOINTS_KEY)));
        String condition = "#collection = :collection";
        if (after != null) {
            condition += " AND #order > :after";
            names.put("#order", CallsTable.COLLECTION_ORDER);
            values.put(":after", s(after));
        }
        String keyCondition = condition;
        List<WebhookEndpoint> found = new ArrayList<>();
        Map<String, AttributeValue> resumeAt = null;
        do {
            Map<String, AttributeValue> start = resumeAt;
            QueryResponse response = guarded("list webhook endpoints", () -> dynamoDb.query(r -> r.tableName(tableName)
                    .indexName(CallsTable.BY_COLLECTION).keyConditionExpression(keyCondition)
                    .expressionAttributeNames(names).expressionAttributeValues(values)
                    .limit(limit + 1 - found.size()).exclusiveStartKey(start)));
            response.items().forEach(item -> found.add(fromItem(item)));
            resumeAt = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (found.size() <= limit && resumeAt != null);
        if (found.size() <= limit) {
            return new Page<>(found, null);
        }
        List<WebhookEndpoint> page = found.subList(0, limit);
        WebhookEndpoint last = page.get(limit - 1);
        return new Page<>(List.copyOf(page), TOKENS.of(CallsTable.webhookEndpointOrder(last.createdAt(), last.id())));
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of(CallsTable.ID, s(CallsTable.webhookEndpoint(id)));
    }

    private static Map<String, AttributeValue> toItem(WebhookEndpoint e) {
        Map<String, AttributeValue> item = new HashMap<>(key(e.id()));
        item.put(CallsTable.COLLECTION, s(CallsTable.WEBHOOK_ENDPOINTS_KEY));
        item.put(CallsTable.COLLECTION_ORDER, s(CallsTable.webhookEndpointOrder(e.createdAt(), e.id())));
        item.put(ENDPOINT_ID, s(e.id()));
        item.put(URL, s(e.url()));
        item.put(EVENTS, AttributeValue.fromL(e.events().stream().map(DynamoDbEndpointStore::s).toList()));
        if (e.description() != null) {
            item.put(DESCRIPTION, s(e.description()));
        }
        item.put(DISABLED, AttributeValue.fromBool(e.disabled()));
        item.put(CREATED_AT, s(e.createdAt().toString()));
        item.put(UPDATED_AT, s(e.updatedAt().toString()));
        item.put(VERSION, n(e.version()));
        return item;
    }

    private static WebhookEndpoint fromItem(Map<String, AttributeValue> item) {
        AttributeValue description = item.get(DESCRIPTION);
        return new WebhookEndpoint(item.get(ENDPOINT_ID).s(), item.get(URL).s(),
                item.get(EVENTS).l().stream().map(AttributeValue::s).toList(),
                description == null ? null : description.s(), Boolean.TRUE.equals(item.get(DISABLED).bool()),
                Instant.parse(item.get(CREATED_AT).s()), Instant.parse(item.get(UPDATED_AT).s()),
                Long.parseLong(item.get(VERSION).n()));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
