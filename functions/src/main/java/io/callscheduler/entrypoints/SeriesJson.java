package io.callscheduler.entrypoints;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callscheduler.series.Occurrence;
import io.callscheduler.series.Series;
import io.callscheduler.series.SeriesRequest;
import io.callscheduler.store.Page;

import java.util.List;
import java.util.Map;

/** The API's JSON view of a series (openapi.yaml, Series). */
final class SeriesJson {
    private SeriesJson() {
    }

    static ObjectNode full(Series series, List<Occurrence> next) {
        ObjectNode node = CallJson.MAPPER.createObjectNode();
        node.put("id", series.id());
        node.put("status", series.status().name());
        node.put("timeZone", series.rule().timeZone());
        node.put("rrule", series.rule().rrule());
        node.put("startAt", series.rule().startAt());
        node.put("until", series.rule().until());
        node.put("count", series.rule().count());
        ArrayNode exdates = node.putArray("exdates");
        if (series.rule().exdates() != null) {
            series.rule().exdates().forEach(exdates::add);
        }
        Map<String, String> fields = series.callFields();
        for (String name : SeriesRequest.CALL_FIELDS) {
            if (!name.startsWith("redial.")) {
                node.put(name, fields.get(name));
            }
        }
        if (fields.keySet().stream().anyMatch(name -> name.startsWith("redial."))) {
            ObjectNode redial = node.putObject("redial");
            redial.put("on", fields.get("redial.on"));
            redial.put("maxAttempts", fields.get("redial.maxAttempts"));
            redial.put("afterMinutes", fields.get("redial.afterMinutes"));
        } else {
            node.putNull("redial");
        }
        node.set("nextOccurrences", occurrences(next));
        node.put("currentCallId", series.currentCallId());
        node.put("currentOccurrence", series.currentOccurrence() == null ? null : series.currentOccurrence().toString());
        ArrayNode exceptions = node.putArray("exceptions");
        series.exceptions().forEach(e -> exceptions.addObject().put("occurrence", e.occurrence().toString())
                .put("kind", e.kind().name()).put("at", e.at().toString()));
        node.put("endReason", series.endReason());
        node.put("createdAt", series.createdAt().toString());
        node.put("updatedAt", series.updatedAt().toString());
        node.put("continues", series.continues());
        node.put("continuedBy", series.continuedBy());
        return node;
    }

    static ArrayNode occurrences(List<Occurrence> next) {
        ArrayNode array = CallJson.MAPPER.createArrayNode();
        next.forEach(o -> array.addObject().put("occurrence", o.local().toString()).put("at", o.at().toString())
                .put("utcOffset", o.offset().getId().equals("Z") ? "+00:00" : o.offset().getId()));
        return array;
    }

    static ObjectNode page(Page<Series> page, java.util.function.Function<Series, List<Occurrence>> next) {
        ObjectNode node = CallJson.MAPPER.createObjectNode();
        ArrayNode items = node.putArray("items");
        page.items().forEach(series -> items.add(full(series, next.apply(series))));
        node.put("nextToken", page.nextToken());
        return node;
    }
}
