package io.callscheduler.series;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A series' definition (its rule and its calls' fields) as a create, a preview or an edit gives it: checked, and an
 * edit's (PATCH) given members merged over the current ones.
 */
final class SeriesDefinitions {
    private final OccurrenceCalls occurrenceCalls;

    SeriesDefinitions(OccurrenceCalls occurrenceCalls) {
        this.occurrenceCalls = Objects.requireNonNull(occurrenceCalls, "occurrenceCalls");
    }

    /** The rule and the calls' fields checked together, so that a 400 names every kind of field as POST /calls would. */
    SeriesRuleFields checked(SeriesRuleFields rule, Map<String, String> fields, Instant now) {
        SeriesRule parsed = SeriesRule.parse(rule);
        Instant firstAt = parsed.next(now, 1).occurrences().stream().findFirst().map(Occurrence::at).orElse(now);
        occurrenceCalls.check(fields, parsed.timeZone().getId(), firstAt);
        // Kept as given, but for the zone's and startAt's canonical forms (startAt local, as the page shows it).
        return new SeriesRuleFields(parsed.timeZone().getId(), rule.rrule().strip(), parsed.startAt().toString(),
                rule.until() == null || rule.until().isBlank() ? null : rule.until().strip(), rule.count(),
                parsed.exdates().stream().map(LocalDateTime::toString).toList());
    }

    /** The rule with the request's given members in place of the old ones (until and count replace each other). */
    static SeriesRuleFields merged(SeriesRuleFields old, SeriesRequest request) {
        SeriesRuleFields patch = request.rule();
        var given = request.given();
        boolean endGiven = given.contains("until") || given.contains("count");
        return new SeriesRuleFields(
                given.contains("timeZone") ? patch.timeZone() : old.timeZone(),
                given.contains("rrule") ? patch.rrule() : old.rrule(),
                given.contains("startAt") ? patch.startAt() : old.startAt(),
                endGiven ? patch.until() : old.until(),
                endGiven ? patch.count() : old.count(),
                given.contains("exdates") ? patch.exdates() : old.exdates());
    }

    /** The calls' fields with the request's given ones in place (a given null removes one; redial goes as a whole). */
    static Map<String, String> mergedFields(Series current, SeriesRequest request) {
        Map<String, String> fields = new HashMap<>(current.callFields());
        for (String name : SeriesRequest.CALL_FIELDS) {
            if (request.given().contains(name) || name.startsWith("redial.") && request.given().contains("redial")) {
                fields.remove(name);
                if (request.callFields().get(name) != null) {
                    fields.put(name, request.callFields().get(name));
                }
            }
        }
        return fields;
    }
}
