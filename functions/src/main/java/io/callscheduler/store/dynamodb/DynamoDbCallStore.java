package io.callscheduler.store.dynamodb;

import io.callscheduler.domain.DependencyUnavailableException;
import io.callscheduler.model.Call;
import io.callscheduler.model.CallStatus;
import io.callscheduler.store.CallStore;
import io.callscheduler.store.ConcurrentUpdateException;
import io.callscheduler.store.InvalidPageTokenException;
import io.callscheduler.store.Page;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

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
    private static final String ALL_FILTER = "*";

    private final DynamoDbClient dynamoDb;
    private final String tableName;

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

    @Override
    public Page<Call> list(CallStatus status, int limit, String pageToken) {
        String filter = status == null ? ALL_FILTER : status.name();
        QueryRequest.Builder query = QueryRequest.builder().tableName(tableName).limit(limit)
                .expressionAttributeNames(Map.of("#p", status == null ? CallItems.LIST_PARTITION : CallItems.STATUS));
        if (status == null) {
            query.indexName(BY_SCHEDULED_AT).keyConditionExpression("#p = :p").scanIndexForward(false)
                    .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(CallItems.LIST_PARTITION_VALUE)));
        } else {
            // Pending calls: what dials next comes first. Everything else: the latest first.
            query.indexName(BY_STATUS).keyConditionExpression("#p = :p")
                    .scanIndexForward(status == CallStatus.SCHEDULED)
                    .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(status.name())));
        }
        if (pageToken != null) {
            query.exclusiveStartKey(PageTokens.decode(pageToken, filter, status == null ? BY_TIME_KEY : BY_STATUS_KEY));
        }
        QueryResponse response;
        try {
            response = call(() -> dynamoDb.query(query.build()));
        } catch (DependencyUnavailableException e) {
            if (pageToken != null && e.getCause() instanceof DynamoDbException dynamo && dynamo.statusCode() == 400) {
                throw new InvalidPageTokenException("DynamoDB refused its key");
            }
            throw e;
        }
        return new Page<>(response.items().stream().map(CallItems::fromItem).toList(),
                PageTokens.encode(filter, response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : null));
    }

    @Override
    public void forEachWithStatus(CallStatus status, Instant dueBy, Consumer<Call> consumer) {
        QueryRequest query = QueryRequest.builder().tableName(tableName).indexName(BY_STATUS)
                .keyConditionExpression("#s = :s AND #t <= :t")
                .expressionAttributeNames(Map.of("#s", CallItems.STATUS, "#t", CallItems.SCHEDULED_AT))
                .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(status.name()),
                        ":t", AttributeValue.fromS(CallItems.sortable(dueBy))))
                .build();
        call(() -> {
            dynamoDb.queryPaginator(query).items().forEach(item -> consumer.accept(CallItems.fromItem(item)));
            return null;
        });
    }

    private static <T> T call(Supplier<T> request) {
        try {
            return request.get();
        } catch (ConditionalCheckFailedException e) {
            throw e;
        } catch (SdkException e) {
            throw new DependencyUnavailableException("DynamoDB request failed: " + e.getMessage(), e);
        }
    }
}
