package io.callscheduler.suppressions.dynamodb;

import io.callscheduler.store.CallFilter;
import io.callscheduler.store.dynamodb.CallsTable;
import io.callscheduler.suppressions.Suppression;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** The shape of a do-not-call entry's item, written by a put or an import and read by every read. */
public final class SuppressionItems {
    static final String NUMBER = "number";
    static final String REASON = "reason";
    /** The reason folded as searches are ({@link CallFilter#fold}), so that a search ignores case and accents. */
    static final String REASON_SEARCH = "reasonSearch";
    static final String SOURCE = "source";
    static final String ADDED_AT = "addedAt";
    static final String CALL_ID = "callId";
    static final String DIGIT = "digit";

    private SuppressionItems() {
    }

    static Map<String, AttributeValue> toItem(Suppression s) {
        Map<String, AttributeValue> item = new HashMap<>(key(s.number()));
        item.put(CallsTable.COLLECTION, s(CallsTable.SUPPRESSION_KIND));
        item.put(CallsTable.COLLECTION_ORDER, s(s.number()));
        item.put(NUMBER, s(s.number()));
        item.put(REASON, s(s.reason()));
        item.put(REASON_SEARCH, s(CallFilter.fold(s.reason())));
        item.put(SOURCE, s(s.source()));
        item.put(ADDED_AT, s(s.addedAt().toString()));
        if (s.expiresAt() != null) {
            item.put(CallsTable.EXPIRES_AT, AttributeValue.fromN(Long.toString(s.expiresAt().getEpochSecond())));
        }
        if (s.callId() != null) {
            item.put(CALL_ID, s(s.callId()));
        }
        if (s.digit() != null) {
            item.put(DIGIT, s(s.digit()));
        }
        return item;
    }

    static Map<String, AttributeValue> key(String number) {
        return Map.of(CallsTable.ID, s(CallsTable.suppression(number)));
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    /** A do-not-call entry's item (id {@code suppression#<number>}); empty for any other kind. */
    public static java.util.Optional<Suppression> image(Map<String, AttributeValue> item) {
        AttributeValue id = item == null ? null : item.get(CallsTable.ID);
        return id != null && id.s() != null && id.s().startsWith(CallsTable.suppression("")) && item.containsKey(NUMBER)
                ? java.util.Optional.of(fromItem(item)) : java.util.Optional.empty();
    }

    static Suppression fromItem(Map<String, AttributeValue> item) {
        AttributeValue expires = item.get(CallsTable.EXPIRES_AT);
        return new Suppression(item.get(NUMBER).s(), item.get(REASON).s(), item.get(SOURCE).s(),
                expires == null ? null : Instant.ofEpochSecond(Long.parseLong(expires.n())),
                Instant.parse(item.get(ADDED_AT).s()), text(item, CALL_ID), text(item, DIGIT));
    }

    static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

}
