package io.callscheduler.series.dynamodb;

import io.callscheduler.series.Series;
import io.callscheduler.series.SeriesException;
import io.callscheduler.series.SeriesRuleFields;
import io.callscheduler.series.SeriesStatus;
import io.callscheduler.store.dynamodb.CallsTable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps a {@link Series} to and from its item in the calls' table: id {@code series#<UUID>} ({@link CallsTable#series}),
 * listed newest first in the {@value CallsTable#SERIES_KEY} partition of the byCollection index. Its status is
 * {@value #STATUS}, not {@code status}, so that no reader of calls could take it for one.
 */
final class SeriesItems {
    static final String STATUS = "seriesStatus";
    static final String VERSION = "version";
    private static final String PREFIX = CallsTable.series("");

    private SeriesItems() {
    }

    static String key(String seriesId) {
        return CallsTable.series(seriesId);
    }

    static Map<String, AttributeValue> toItem(Series series) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(CallsTable.ID, s(key(series.id())));
        item.put(CallsTable.COLLECTION, s(CallsTable.SERIES_KEY));
        item.put(CallsTable.COLLECTION_ORDER, s(CallsTable.seriesOrder(series.createdAt(), series.id())));
        item.put(STATUS, s(series.status().name()));
        SeriesRuleFields rule = series.rule();
        item.put("timeZone", s(rule.timeZone()));
        item.put("rrule", s(rule.rrule()));
        item.put("startAt", s(rule.startAt()));
        put(item, "until", rule.until());
        if (rule.count() != null) {
            item.put("count", AttributeValue.fromN(rule.count().toString()));
        }
        if (rule.exdates() != null && !rule.exdates().isEmpty()) {
            item.put("exdates", AttributeValue.fromL(rule.exdates().stream().map(SeriesItems::s).toList()));
        }
        Map<String, AttributeValue> fields = new HashMap<>();
        series.callFields().forEach((name, value) -> fields.put(name, s(value)));
        item.put("callFields", AttributeValue.fromM(fields));
        put(item, "currentCallId", series.currentCallId());
        put(item, "currentOccurrence", series.currentOccurrence() == null ? null : series.currentOccurrence().toString());
        put(item, "rollsAfter", series.rollsAfter() == null ? null : series.rollsAfter().toString());
        if (!series.exceptions().isEmpty()) {
            item.put("exceptions", AttributeValue.fromL(series.exceptions().stream().map(e -> AttributeValue.fromM(Map.of(
                    "occurrence", s(e.occurrence().toString()), "kind", s(e.kind().name()), "at", s(e.at().toString()))))
                    .toList()));
        }
        put(item, "endReason", series.endReason());
        put(item, "continues", series.continues());
        put(item, "continuedBy", series.continuedBy());
        item.put("createdAt", s(series.createdAt().toString()));
        item.put("updatedAt", s(series.updatedAt().toString()));
        item.put(VERSION, AttributeValue.fromN(Long.toString(series.version())));
        return item;
    }

    static Series fromItem(Map<String, AttributeValue> item) {
        Map<String, String> fields = new HashMap<>();
        if (item.containsKey("callFields")) {
            item.get("callFields").m().forEach((name, value) -> fields.put(name, value.s()));
        }
        List<String> exdates = item.containsKey("exdates") ? item.get("exdates").l().stream().map(AttributeValue::s).toList()
                : List.of();
        List<SeriesException> exceptions = item.containsKey("exceptions") ? item.get("exceptions").l().stream()
                .map(v -> new SeriesException(LocalDateTime.parse(v.m().get("occurrence").s()),
                        SeriesException.Kind.valueOf(v.m().get("kind").s()), Instant.parse(v.m().get("at").s())))
                .toList() : List.of();
        String occurrence = text(item, "currentOccurrence");
        String rollsAfter = text(item, "rollsAfter");
        return new Series(item.get(CallsTable.ID).s().substring(PREFIX.length()),
                SeriesStatus.valueOf(item.get(STATUS).s()),
                new SeriesRuleFields(text(item, "timeZone"), text(item, "rrule"), text(item, "startAt"),
                        text(item, "until"), item.containsKey("count") ? Integer.valueOf(item.get("count").n()) : null,
                        exdates),
                fields, text(item, "currentCallId"), occurrence == null ? null : LocalDateTime.parse(occurrence),
                rollsAfter == null ? null : Instant.parse(rollsAfter), exceptions, text(item, "endReason"),
                text(item, "continues"), text(item, "continuedBy"), Instant.parse(item.get("createdAt").s()),
                Instant.parse(item.get("updatedAt").s()), Long.parseLong(item.get(VERSION).n()));
    }

    private static void put(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, s(value));
        }
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
