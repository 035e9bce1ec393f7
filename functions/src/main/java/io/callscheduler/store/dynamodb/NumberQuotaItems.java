package io.callscheduler.store.dynamodb;

import io.callscheduler.destinations.NumberQuota;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.util.Map;

/**
 * A number's dial attempts of one UTC day as a counter item in the calls table ({@code quota#<number>#<day>}),
 * counted up in the transaction that writes each call (its first attempt) and by the dispatch for later ones, and
 * deleted by the table's TTL two days after its day began.
 */
final class NumberQuotaItems {
    private static final String CALLS = "calls";

    private NumberQuotaItems() {
    }

    static String itemId(NumberQuota quota) {
        return CallsTable.numberQuota(quota.phoneNumber(), quota.day());
    }

    /** One more attempt to the number that day, in a transaction, if it has had fewer than the quota. */
    static TransactWriteItem countOne(String tableName, NumberQuota quota) {
        return TransactWriteItem.builder().update(countOneUpdate(tableName, quota)).build();
    }

    /** The same on its own. */
    static UpdateItemRequest countOneRequest(String tableName, NumberQuota quota) {
        Update update = countOneUpdate(tableName, quota);
        return UpdateItemRequest.builder().tableName(update.tableName()).key(update.key())
                .updateExpression(update.updateExpression()).conditionExpression(update.conditionExpression())
                .expressionAttributeNames(update.expressionAttributeNames())
                .expressionAttributeValues(update.expressionAttributeValues()).build();
    }

    /** One attempt fewer to the number that day, if any was counted. */
    static UpdateItemRequest giveBackOneRequest(String tableName, NumberQuota quota) {
        return UpdateItemRequest.builder().tableName(tableName)
                .key(Map.of(CallItems.ID, AttributeValue.fromS(itemId(quota))))
                .updateExpression("ADD #calls :minusOne")
                .conditionExpression("#calls > :zero")
                .expressionAttributeNames(Map.of("#calls", CALLS))
                .expressionAttributeValues(Map.of(":minusOne", AttributeValue.fromN("-1"), ":zero", AttributeValue.fromN("0")))
                .build();
    }

    private static Update countOneUpdate(String tableName, NumberQuota quota) {
        long expires = CallsTable.numberQuotaExpiry(quota.day()).getEpochSecond();
        return Update.builder().tableName(tableName)
                .key(Map.of(CallItems.ID, AttributeValue.fromS(itemId(quota))))
                .updateExpression("ADD #calls :one SET #expires = :expires")
                .conditionExpression("attribute_not_exists(#calls) OR #calls < :max")
                .expressionAttributeNames(Map.of("#calls", CALLS, "#expires", IdempotencyItems.EXPIRES_AT))
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"),
                        ":max", AttributeValue.fromN(Integer.toString(quota.max())),
                        ":expires", AttributeValue.fromN(Long.toString(expires))))
                .build();
    }
}
