package io.callscheduler.reports;

import io.callscheduler.domain.ValidationException;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A report's question: the calls that ended in [{@code from}, {@code to}) (whole UTC hours: {@code from} rounded down,
 * {@code to} up), grouped by {@code groupBy} in {@code zone} (null: each callee's own zone), optionally of one campaign
 * or caller ID.
 */
public record ReportRequest(Instant from, Instant to, GroupBy groupBy, ZoneId zone, String campaignId, String callerId) {
    /** The longest range one request reads: a year and a day, about 9,000 hours of buckets. */
    public static final Duration MAX_RANGE = Duration.ofDays(366);
    /** Without {@code from}: the week before {@code to}. */
    public static final Duration DEFAULT_RANGE = Duration.ofDays(7);
    public static final String CALLEE = "callee";
    /** The years a report can ask about, as series' times allow: the hour keys' arithmetic fails far beyond them. */
    static final int MIN_YEAR = 1970;
    static final int MAX_YEAR = 9999;

    public ReportRequest {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(groupBy, "groupBy");
    }

    /** The request of query parameters {@code from, to, groupBy, zone, campaignId, callerId} (each optional). */
    public static ReportRequest parse(Map<String, String> query, Clock clock) {
        Instant to = query.get("to") == null ? ceilHour(clock.instant()) : ceilHour(instant(query.get("to"), "to"));
        Instant from = query.get("from") == null ? to.minus(DEFAULT_RANGE)
                : instant(query.get("from"), "from").truncatedTo(ChronoUnit.HOURS);
        if (!from.isBefore(to)) {
            throw new ValidationException("to", "INVALID_VALUE", "to must be later than from");
        }
        if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            throw new ValidationException("from", "INVALID_VALUE", "a report covers at most " + MAX_RANGE.toDays()
                    + " days; ask for a later from or an earlier to");
        }
        String groupByText = query.getOrDefault("groupBy", GroupBy.DAY.wireName());
        GroupBy groupBy = GroupBy.parse(groupByText).orElseThrow(() -> new ValidationException("groupBy", "INVALID_VALUE",
                "groupBy must be one of " + Arrays.stream(GroupBy.values()).map(GroupBy::wireName).collect(Collectors.joining(", "))));
        return new ReportRequest(from, to, groupBy, zone(query.get("zone")), filter(query.get("campaignId"), "campaignId"),
                filter(query.get("callerId"), "callerId"));
    }

    /** The zone's wire name: {@value #CALLEE} or the IANA id. */
    public String zoneName() {
        return zone == null ? CALLEE : zone.getId();
    }

    private static Instant instant(String text, String field) {
        OffsetDateTime given;
        try {
            given = OffsetDateTime.parse(text.strip());
        } catch (DateTimeException e) {
            throw new ValidationException(field, "INVALID_DATE_TIME", field
                    + " must be an ISO-8601 date-time with an offset, such as 2026-12-01T00:00:00Z");
        }
        // The local year first: a far-off one cannot even be placed at UTC.
        if (outsideYears(given.getYear()) || outsideYears(given.atZoneSameInstant(ZoneOffset.UTC).getYear())) {
            throw new ValidationException(field, "INVALID_DATE_TIME", field + " must be in the years " + MIN_YEAR
                    + " to " + MAX_YEAR + " (UTC)");
        }
        return given.toInstant();
    }

    private static boolean outsideYears(int year) {
        return year < MIN_YEAR || year > MAX_YEAR;
    }

    private static Instant ceilHour(Instant instant) {
        Instant hour = instant.truncatedTo(ChronoUnit.HOURS);
        return hour.equals(instant) ? hour : hour.plus(Duration.ofHours(1));
    }

    private static ZoneId zone(String text) {
        if (text == null || text.equals(CALLEE)) {
            return null;
        }
        try {
            if (!text.contains("/") && !text.equals("UTC")) {
                throw new DateTimeException("not a region");
            }
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw new ValidationException("zone", "INVALID_TIME_ZONE", "zone must be " + CALLEE
                    + " or an IANA time zone such as Europe/Paris");
        }
    }

    private static String filter(String text, String field) {
        if (text == null) {
            return null;
        }
        if (text.isBlank() || text.length() > 100) {
            throw new ValidationException(field, "INVALID_VALUE", field + " must be 1 to 100 characters when given");
        }
        return text.strip();
    }
}
