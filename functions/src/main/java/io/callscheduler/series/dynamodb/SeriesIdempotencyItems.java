package io.callscheduler.series.dynamodb;

import io.callscheduler.series.SeriesIdempotencyRecord;
import io.callscheduler.store.dynamodb.CallsTable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.Map;

/**
 * Maps a {@link SeriesIdempotencyRecord} to its item in the calls' table: id {@code series-idempotency-key#<key>}, a
 * namespace of its own so that a key used on POST /calls and on POST /series answers each route its own; no index
 * attribute; {@value CallsTable#EXPIRES_AT} (the table's TTL) a day after the create.
 */
final class SeriesIdempotencyItems {
    private SeriesIdempotencyItems() {
    }

    static String itemId(String key) {
        return CallsTable.seriesIdempotencyRecord(key);
    }

    static Map<String, AttributeValue> toItem(SeriesIdempotencyRecord record) {
        return Map.of(
                CallsTable.ID, AttributeValue.fromS(itemId(record.key())),
                "requestFingerprint", AttributeValue.fromS(record.requestFingerprint()),
                "seriesId", AttributeValue.fromS(record.seriesId()),
                CallsTable.EXPIRES_AT, AttributeValue.fromN(Long.toString(record.expiresAt().getEpochSecond())));
    }

    static SeriesIdempotencyRecord fromItem(String key, Map<String, AttributeValue> item) {
        return new SeriesIdempotencyRecord(key, item.get("requestFingerprint").s(), item.get("seriesId").s(),
                Instant.ofEpochSecond(Long.parseLong(item.get(CallsTable.EXPIRES_AT).n())));
    }
}
