package io.callscheduler.store.dynamodb;

import io.callscheduler.dependencies.DependencyUnavailableException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whole items put in BatchWriteItem requests of 25 (DynamoDB's most), {@link InParallel a few at a time}, each
 * request's unprocessed items sent again after {@link BatchReads}' back-off, a bounded number of times. Not atomic:
 * for items that may each stand alone.
 */
public final class BatchWrites {
    /** The most items one BatchWriteItem takes. */
    public static final int MAX_ITEMS = 25;
    private static final int MAX_ROUNDS = 8;

    private BatchWrites() {
    }

    /**
     * @throws DependencyUnavailableException when DynamoDB cannot be written, or leaves items unprocessed round after
     *                                        round; other batches may have been written
     */
    public static void put(DynamoDbClient dynamoDb, String tableName, List<Map<String, AttributeValue>> items) {
        List<List<WriteRequest>> batches = new ArrayList<>();
        for (int from = 0; from < items.size(); from += MAX_ITEMS) {
            batches.add(items.subList(from, Math.min(items.size(), from + MAX_ITEMS)).stream()
                    .map(item -> WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build())
                    .toList());
        }
        InParallel.forEach(batches, batch -> write(dynamoDb, tableName, batch));
    }

    private static void write(DynamoDbClient dynamoDb, String tableName, List<WriteRequest> batch) {
        Map<String, List<WriteRequest>> request = Map.of(tableName, batch);
        for (int round = 0; !request.isEmpty(); round++) {
            if (round >= MAX_ROUNDS) {
                throw new DependencyUnavailableException("DynamoDB left items unprocessed after " + MAX_ROUNDS
                        + " rounds of BatchWriteItem", null);
            }
            if (round > 0) {
                BatchReads.backOff(round);
            }
            Map<String, List<WriteRequest>> sent = request;
            BatchWriteItemResponse response = DynamoDbCallStore.call(() -> dynamoDb.batchWriteItem(r -> r.requestItems(sent)));
            request = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
        }
    }
}
