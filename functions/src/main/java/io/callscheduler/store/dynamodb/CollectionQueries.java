package io.callscheduler.store.dynamodb;

import io.callscheduler.model.CallStatus;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/** Whole partitions of the {@value CallsTable#BY_COLLECTION} index read in order, page after page, for the campaigns. */
final class CollectionQueries {
    private final DynamoDbClient dynamoDb;
    private final String tableName;

    CollectionQueries(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    /** Reads a partition of the campaign index in sort order, optionally a sort-key prefix and calls of one status. */
    void queryAll(String partition, String sortPrefix, CallStatus status, int limit,
                          Consumer<Map<String, AttributeValue>> each) {
        Map<String, String> names = new HashMap<>(Map.of("#p", CallsTable.COLLECTION));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":p", CampaignItems.s(partition)));
        String condition = "#p = :p";
        if (sortPrefix != null) {
            names.put("#t", CallsTable.COLLECTION_ORDER);
            values.put(":prefix", CampaignItems.s(sortPrefix));
            condition += " AND begins_with(#t, :prefix)";
        }
        if (status != null) {
            names.put("#st", CallItems.STATUS);
            values.put(":st", CampaignItems.s(status.name()));
        }
        Map<String, AttributeValue> startKey = null;
        int found = 0;
        do {
            QueryRequest.Builder query = QueryRequest.builder().tableName(tableName).indexName(CallsTable.BY_COLLECTION)
                    .keyConditionExpression(condition).expressionAttributeNames(names).expressionAttributeValues(values)
                    .limit(status == null ? Math.max(1, Math.min(limit - found, 1000)) : 1000);
            if (status != null) {
                query.filterExpression("#st = :st");
            }
            if (startKey != null) {
                query.exclusiveStartKey(startKey);
            }
            QueryResponse response = DynamoDbCallStore.call(() -> dynamoDb.query(query.build()));
            for (Map<String, AttributeValue> item : response.items()) {
                if (found < limit) {
                    each.accept(item);
                    found++;
                }
            }
            startKey = response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : null;
        } while (startKey != null && found < limit);
    }

}
