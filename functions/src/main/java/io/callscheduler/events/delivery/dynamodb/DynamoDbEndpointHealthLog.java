package io.callscheduler.events.delivery.dynamodb;

import io.callscheduler.dependencies.DependencyUnavailableException;
import io.callscheduler.events.deliveries.DeliveryLog;
import io.callscheduler.events.delivery.EndpointHealthLog;
import io.callscheduler.events.retry.EndpointHealth;
import io.callscheduler.store.dynamodb.CallsTable;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One item per failing endpoint ({@link CallsTable#webhookHealth}) holding {@code failingSince} and {@code lastFailureAt}, apart from the
 * endpoint's own item so that the delivery never races an API edit of it; it expires with the delivery log.
 */
public final class DynamoDbEndpointHealthLog implements EndpointHealthLog {
    private static final String FAILING_SINCE = "failingSince";
    /** Epoch ms, a number so that the condition compares it. */
    private static final String LAST_FAILURE_AT = "lastFailureAt";

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbEndpointHealthLog(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    @Override
    public EndpointHealth failed(String endpointId, Instant now) {
        Map<String, String> names = Map.of("#since", FAILING_SINCE, "#last", LAST_FAILURE_AT, "#expires", CallsTable.EXPIRES_AT);
        Map<String, AttributeValue> values = Map.of(":now", AttributeValue.fromS(now.toString()),
                ":nowMs", AttributeValue.fromN(Long.toString(now.toEpochMilli())),
                ":expires", AttributeValue.fromN(Long.toString(now.plus(DeliveryLog.RETENTION).getEpochSecond())));
        try {
            try {
                // Continues the streak while its last failure is within the gap (an item without lastFailureAt, from
                // before the gap was kept, starts a new streak).
                Map<String, AttributeValue> withCutoff = new HashMap<>(values);
                withCutoff.put(":cutoffMs", AttributeValue.fromN(Long.toString(now.minus(EndpointHealth.STREAK_GAP).toEpochMilli())));
                Map<String, AttributeValue> item = dynamoDb.updateItem(r -> r.tableName(tableName).key(key(endpointId))
                        .updateExpression("SET #since = if_not_exists(#since, :now), #last = :nowMs, #expires = :expires")
                        .conditionExpression("attribute_not_exists(#since) OR #last >= :cutoffMs")
                        .expressionAttributeNames(names).expressionAttributeValues(withCutoff)
                        .returnValues(ReturnValue.ALL_NEW)).attributes();
                return new EndpointHealth(Instant.parse(item.get(FAILING_SINCE).s()), now);
            } catch (ConditionalCheckFailedException lapsed) {
                dynamoDb.updateItem(r -> r.tableName(tableName).key(key(endpointId))
                        .updateExpression("SET #since = :now, #last = :nowMs, #expires = :expires")
                        .expressionAttributeNames(names).expressionAttributeValues(values));
                return new EndpointHealth(now, now);
            }
        } catch (SdkException e) {
            throw new DependencyUnavailableException("could not write an endpoint's health: " + e.getMessage(), e);
        }
    }

    @Override
    public void reset(String endpointId) {
        try {
            dynamoDb.deleteItem(r -> r.tableName(tableName).key(key(endpointId)));
        } catch (SdkException e) {
            throw new DependencyUnavailableException("could not clear an endpoint's health: " + e.getMessage(), e);
        }
    }

    @Override
    public void succeeded(String endpointId, Instant now) {
        try {
            dynamoDb.deleteItem(r -> r.tableName(tableName).key(key(endpointId))
                    .conditionExpression("attribute_exists(#since)").expressionAttributeNames(Map.of("#since", FAILING_SINCE)));
        } catch (ConditionalCheckFailedException e) {
            // It was not failing: the usual case.
        } catch (SdkException e) {
            throw new DependencyUnavailableException("could not write an endpoint's health: " + e.getMessage(), e);
        }
    }

    private static Map<String, AttributeValue> key(String endpointId) {
        return Map.of(CallsTable.ID, AttributeValue.fromS(CallsTable.webhookHealth(endpointId)));
    }
}
