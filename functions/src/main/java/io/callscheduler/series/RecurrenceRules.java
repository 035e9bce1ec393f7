package io.callscheduler.series;

import io.callscheduler.domain.ValidationException;
import org.dmfs.rfc5545.recur.Freq;
import org.dmfs.rfc5545.recur.InvalidRecurrenceRuleException;
import org.dmfs.rfc5545.recur.RecurrenceRule;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The {@code rrule} field: an RFC 5545 RRULE, parsed strictly by lib-recur, and our limits on top. */
final class RecurrenceRules {
    static final String FIELD = "rrule";
    static final int MAX_LENGTH = 500;
    private static final Set<Freq> SUB_DAILY = EnumSet.of(Freq.SECONDLY, Freq.MINUTELY, Freq.HOURLY);
    private static final String AT_MOST_HOURLY = "a call series dials at most once an hour: a series that calls the "
            + "same person every few minutes is harassment. For several calls a day use FREQ=DAILY with BYHOUR "
            + "(such as BYHOUR=9,17) and one BYMINUTE";

    private RecurrenceRules() {
    }

    /**
     * @return a rule without COUNT or UNTIL (the series' own {@code count} and {@code until} end it)
     * @throws ValidationException naming {@code rrule}: {@code MISSING_FIELD}, {@code TOO_LONG},
     *                             {@code INVALID_RRULE}, or {@code TOO_FREQUENT} for a rule that would dial more
     *                             often than once an hour
     */
    static RecurrenceRule parse(String rrule) {
        if (rrule == null || rrule.isBlank()) {
            throw new ValidationException(FIELD, "MISSING_FIELD",
                    "rrule is required: an RFC 5545 RRULE such as FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=30");
        }
        String text = rrule.strip();
        if (text.length() > MAX_LENGTH) {
            throw new ValidationException(FIELD, "TOO_LONG", "rrule must be at most " + MAX_LENGTH + " characters");
        }
        if (text.regionMatches(true, 0, "RRULE:", 0, 6)) {
            text = text.substring(6);
        }
        RecurrenceRule rule;
        try {
            // Strict: the lax modes silently drop what they do not understand (BYHOUR=25 becomes a plain DAILY).
            rule = new RecurrenceRule(text, RecurrenceRule.RfcMode.RFC5545_STRICT);
        } catch (InvalidRecurrenceRuleException | IllegalArgumentException e) {
            throw new ValidationException(FIELD, "INVALID_RRULE", "rrule is not a valid RFC 5545 RRULE (" + e.getMessage()
                    + "); for example FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=30");
        }
        if (rule.getCount() != null || rule.getUntil() != null) {
            throw new ValidationException(FIELD, "INVALID_RRULE",
                    "rrule must not carry COUNT or UNTIL: give the series' end as its count or until field");
        }
        if (text.toUpperCase(Locale.ROOT).contains("RSCALE")) {
            throw new ValidationException(FIELD, "INVALID_RRULE", "rrule must not carry RSCALE: series repeat in the "
                    + "Gregorian calendar");
        }
        if (SUB_DAILY.contains(rule.getFreq())) {
            throw new ValidationException(FIELD, "TOO_FREQUENT", "rrule FREQ=" + rule.getFreq() + " is refused: "
                    + AT_MOST_HOURLY);
        }
        refuseSeveral(rule, RecurrenceRule.Part.BYMINUTE, "minutes");
        refuseSeveral(rule, RecurrenceRule.Part.BYSECOND, "seconds");
        return rule;
    }

    /**
     * Several minutes (or seconds) in one rule dial several times within an hour. Distinct BYHOUR values with one
     * minute are at least an hour apart in local time; the few instants that daylight saving brings closer are
     * skipped when the series is expanded ({@link SeriesExpansion}).
     */
    private static void refuseSeveral(RecurrenceRule rule, RecurrenceRule.Part part, String what) {
        List<Integer> values = rule.hasPart(part) ? rule.getByPart(part) : List.of();
        if (values.size() > 1) {
            throw new ValidationException(FIELD, "TOO_FREQUENT", "rrule " + part + "=" + join(values)
                    + " dials at several " + what + " of each hour: " + AT_MOST_HOURLY);
        }
    }

    private static String join(List<Integer> values) {
        return String.join(",", values.stream().map(String::valueOf).toList());
    }
}
