package io.callscheduler.store.dynamodb;

import io.callscheduler.dependencies.DependencyUnavailableException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Items read by key in BatchGetItem requests of 100 keys (DynamoDB's most), strongly consistent, each request's
 * unprocessed keys asked again after an exponential back-off with jitter, as AWS advises, a bounded number of times.
 */
public final class BatchReads {
    /** The most keys one BatchGetItem takes. */
    public static final int MAX_KEYS = 100;
    private static final int MAX_ROUNDS = 8;

    private BatchReads() {
    }

    /**
     * @param projection the attributes to read (a projection expression of plain names), or null for whole items
     * @param each       called with every item found, in no particular order; keys with no item are skipped
     * @throws DependencyUnavailableException when DynamoDB cannot be read, or leaves keys unprocessed round after round
     */
    public static void read(DynamoDbClient dynamoDb, String tableName, List<Map<String, AttributeValue>> keys,
                            String projection, Consumer<Map<String, AttributeValue>> each) {
        for (int from = 0; from < keys.size(); from += MAX_KEYS) {
            KeysAndAttributes.Builder asked = KeysAndAttributes.builder()
                    .keys(keys.subList(from, Math.min(keys.size(), from + MAX_KEYS))).consistentRead(true);
            if (projection != null) {
                asked.projectionExpression(projection);
            }
            Map<String, KeysAndAttributes> request = Map.of(tableName, asked.build());
            for (int round = 0; !request.isEmpty(); round++) {
                if (round >= MAX_ROUNDS) {
                    throw new DependencyUnavailableException("DynamoDB left keys unprocessed after " + MAX_ROUNDS
                            + " rounds of BatchGetItem", null);
                }
                if (round > 0) {
                    backOff(round);
                }
                Map<String, KeysAndAttributes> sent = request;
                BatchGetItemResponse response = DynamoDbCallStore.call(() -> dynamoDb.batchGetItem(r -> r.requestItems(sent)));
                response.responses().getOrDefault(tableName, List.of()).forEach(each);
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
    }

    /** 50 ms, 100 ms, ... up to 3.2 s, each with jitter over its upper half. */
    static void backOff(int round) {
        long ceiling = 50L << Math.min(round - 1, 6);
        try {
            Thread.sleep(ceiling / 2 + (long) (Math.random() * ceiling / 2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DependencyUnavailableException("interrupted while retrying unprocessed keys", e);
        }
    }
}
