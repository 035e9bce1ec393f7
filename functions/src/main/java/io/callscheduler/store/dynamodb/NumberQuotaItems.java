package io.callscheduler.store.dynamodb;

import io.callscheduler.destinations.NumberQuota;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.util.Map;

/**
 * A number's calls of one day as a counter item in the calls table ({@code quota#<number>#<day>}), counted up
 * in the transaction that writes each call, and deleted by the table's TTL two days after its day began.
 */
final class NumberQuotaItems {
    private static final String CALLS = "calls";

    private NumberQuotaItems() {
    }

    static String itemId(NumberQuota quota) {
        return CallsTable.numberQuota(quota.phoneNumber(), quota.day());
    }

    /** One more call for the number that day, if it has had fewer than the quota. */
    static TransactWriteItem countOne(String tableName, NumberQuota quota) {
        long expires = CallsTable.numberQuotaExpiry(quota.day()).getEpochSecond();
        return TransactWriteItem.builder().update(Update.builder().tableName(tableName)
                .key(Map.of(CallItems.ID, AttributeValue.fromS(itemId(quota))))
                .updateExpression("ADD #calls :one SET #expires = :expires")
                .conditionExpression("attribute_not_exists(#calls) OR #calls < :max")
                .expressionAttributeNames(Map.of("#calls", CALLS, "#expires", IdempotencyItems.EXPIRES_AT))
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"),
                        ":max", AttributeValue.fromN(Integer.toString(quota.max())),
                        ":expires", AttributeValue.fromN(Long.toString(expires))))
                .build()).build();
    }
}
