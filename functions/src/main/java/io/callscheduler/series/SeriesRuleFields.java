package io.callscheduler.series;

import java.util.List;

/**
 * A series' recurrence as a request gives it, before {@link SeriesRule#parse} checks it.
 *
 * @param timeZone the IANA zone the local times are kept in, such as {@code America/New_York}
 * @param rrule    an RFC 5545 RRULE without COUNT or UNTIL, such as
 *                 {@code FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=30}
 * @param startAt  a local date-time in the zone ({@code 2030-01-07T09:30}), or an instant with its offset
 *                 ({@code 2030-01-07T14:30:00Z}), taken as the local time it is in the zone; the rule's hour and
 *                 minute default to it
 * @param until    the last moment an occurrence may have (inclusive), in either form; or null
 * @param count    how many occurrences the rule makes, exdates included (RFC 5545's COUNT); or null
 * @param exdates  local date-times in the zone that do not dial; or null
 */
public record SeriesRuleFields(String timeZone, String rrule, String startAt, String until, Integer count,
                               List<String> exdates) {
}
