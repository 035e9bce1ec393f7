package io.callscheduler.reports.dynamodb;

import io.callscheduler.reports.BucketKey;
import io.callscheduler.reports.OutcomeBucket;
import io.callscheduler.reports.OutcomeCounts;
import io.callscheduler.store.dynamodb.CallsTable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

/**
 * The report items of the calls table, all under ids starting {@value #PREFIX} (the only ones the aggregating function
 * may write):
 * <ul>
 *   <li>a bucket, {@code report#outcomes#<rollup>#<UTC hour>#<callee's local hour>#<campaign>#<caller ID>}, never
 *       expires, and is in the sparse {@code byCollection} index under {@code report#outcomes#<rollup>} (see
 *       {@link io.callscheduler.reports.Rollups}), sorted by the rest of its id, so that an hour range is one Query;</li>
 *   <li>a call's counted marker, {@code report#counted#<call id>}, which makes counting a call happen once; it expires
 *       a week after the call ended, long after any stream record of it (kept 24 hours) can come again;</li>
 *   <li>{@value #AS_OF}: the latest change the aggregates have taken in, epoch milliseconds.</li>
 * </ul>
 */
public final class OutcomeItems {
    static final String PREFIX = "report#";
    static final String BUCKETS = "report#outcomes";
    static final String AS_OF = "report#as-of";
    static final java.time.Duration MARKER_KEPT = java.time.Duration.ofDays(7);

    /** A whole UTC hour, sortable as text: 2026-12-06T21Z. */
    private static final DateTimeFormatter UTC_HOUR = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter LOCAL_HOUR = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH");

    private OutcomeItems() {
    }

    static String marker(String callId) {
        return PREFIX + "counted#" + callId;
    }

    /** The bucket's place in its collection: its UTC hour first, so that a range of hours is a range of keys. */
    static String order(BucketKey key) {
        return UTC_HOUR.format(key.utcHour()) + "#" + LOCAL_HOUR.format(key.calleeLocalHour())
                + "#" + nullable(key.campaignId()) + "#" + nullable(key.callerId());
    }

    /** The first key of an hour's buckets, and (with {@code last}) past every key of it. */
    static String hourBound(Instant hour, boolean last) {
        return UTC_HOUR.format(hour) + (last ? "#~" : "");
    }

    static String collection(String rollup) {
        return BUCKETS + "#" + rollup;
    }

    static String bucketId(String rollup, BucketKey key) {
        return collection(rollup) + "#" + order(key);
    }

    /** The attributes a bucket's first count sets (the same every time: setting them again changes nothing). */
    static Map<String, AttributeValue> keyAttributes(String rollup, BucketKey key) {
        Map<String, AttributeValue> attributes = new HashMap<>();
        attributes.put(CallsTable.COLLECTION, AttributeValue.fromS(collection(rollup)));
        attributes.put(CallsTable.COLLECTION_ORDER, AttributeValue.fromS(order(key)));
        attributes.put("utcHour", AttributeValue.fromS(key.utcHour().toString()));
        attributes.put("calleeLocalHour", AttributeValue.fromS(LOCAL_HOUR.format(key.calleeLocalHour())));
        if (key.campaignId() != null) {
            attributes.put("campaignId", AttributeValue.fromS(key.campaignId()));
        }
        if (key.callerId() != null) {
            attributes.put("callerId", AttributeValue.fromS(key.callerId()));
        }
        return attributes;
    }

    /** A whole bucket item, as counting its calls one by one leaves it (a bulk load's, such as the benchmark's). */
    public static Map<String, AttributeValue> item(String rollup, BucketKey key, OutcomeCounts counts) {
        Map<String, AttributeValue> item = keyAttributes(rollup, key);
        item.put(CallsTable.ID, AttributeValue.fromS(bucketId(rollup, key)));
        counts.counters().forEach((name, value) -> item.put(name, AttributeValue.fromN(Long.toString(value))));
        return item;
    }

    static OutcomeBucket bucket(Map<String, AttributeValue> item) {
        BucketKey key = new BucketKey(Instant.parse(item.get("utcHour").s()),
                LocalDateTime.parse(item.get("calleeLocalHour").s() + ":00"),
                item.containsKey("campaignId") ? item.get("campaignId").s() : null,
                item.containsKey("callerId") ? item.get("callerId").s() : null);
        Map<String, Long> counters = new HashMap<>();
        item.forEach((name, value) -> {
            if (value.n() != null) {
                counters.put(name, Long.parseLong(value.n()));
            }
        });
        return new OutcomeBucket(key, OutcomeCounts.fromCounters(counters));
    }

    private static String nullable(String value) {
        return value == null ? "" : value;
    }
}
