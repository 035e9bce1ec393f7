package io.callscheduler.store.dynamodb;

import io.callscheduler.model.IdempotencyRecord;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.Map;

/**
 * Maps an {@link IdempotencyRecord} to its item in the calls table. Its id cannot be a call's (calls have
 * UUIDs), and it has none of the index attributes, so no list, count or status query ever reads it.
 * {@value #EXPIRES_AT} is epoch seconds, the table's TTL attribute.
 */
final class IdempotencyItems {
    static final String EXPIRES_AT = CallsTable.EXPIRES_AT;

    private IdempotencyItems() {
    }

    static String itemId(String key) {
        return CallsTable.idempotencyRecord(key);
    }

    static Map<String, AttributeValue> toItem(IdempotencyRecord record) {
        return Map.of(
                CallItems.ID, AttributeValue.fromS(itemId(record.key())),
                "requestFingerprint", AttributeValue.fromS(record.requestFingerprint()),
                "callId", AttributeValue.fromS(record.callId()),
                EXPIRES_AT, AttributeValue.fromN(Long.toString(record.expiresAt().getEpochSecond())));
    }

    static IdempotencyRecord fromItem(String key, Map<String, AttributeValue> item) {
        return new IdempotencyRecord(key, item.get("requestFingerprint").s(), item.get("callId").s(),
                Instant.ofEpochSecond(Long.parseLong(item.get(EXPIRES_AT).n())));
    }
}
