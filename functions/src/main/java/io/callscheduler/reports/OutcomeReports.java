package io.callscheduler.reports;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Answers a {@link ReportRequest} from the buckets of its hours alone (never from the calls), in the one rollup that
 * holds what it asks ({@link Rollups#answering}): filters them by campaign and caller ID, and adds them up per group. Grouping "in the callee's time" reads each bucket's callee-local hour;
 * in a named zone, the bucket's UTC hour seen in that zone (exact for zones a whole number of hours off UTC; in one
 * half an hour off, a bucket counts in the local hour its UTC hour starts in).
 */
public final class OutcomeReports {
    private final OutcomeAggregates aggregates;

    public OutcomeReports(OutcomeAggregates aggregates) {
        this.aggregates = Objects.requireNonNull(aggregates, "aggregates");
    }

    public OutcomeReport report(ReportRequest request) {
        // asOf first: it then understates, never overstates, how current the buckets read after it are.
        var asOf = aggregates.asOf().orElse(null);
        Function<OutcomeBucket, Object> group = grouping(request);
        OutcomeCounts totals = new OutcomeCounts();
        Map<Object, OutcomeCounts> groups = new HashMap<>();
        for (OutcomeBucket bucket : aggregates.buckets(Rollups.answering(request), request.from(), request.to())) {
            if (request.campaignId() != null && !request.campaignId().equals(bucket.key().campaignId())
                    || request.callerId() != null && !request.callerId().equals(bucket.key().callerId())) {
                continue;
            }
            totals.add(bucket.counts());
            groups.computeIfAbsent(group.apply(bucket), key -> new OutcomeCounts()).add(bucket.counts());
        }
        return new OutcomeReport(request, asOf, totals, rows(request.groupBy(), groups));
    }

    private static Function<OutcomeBucket, Object> grouping(ReportRequest request) {
        Function<OutcomeBucket, LocalDateTime> local = request.zone() == null
                ? bucket -> bucket.key().calleeLocalHour()
                : bucket -> LocalDateTime.ofInstant(bucket.key().utcHour(), request.zone());
        return switch (request.groupBy()) {
            case HOUR_OF_DAY -> bucket -> local.apply(bucket).getHour();
            case DAY_OF_WEEK -> bucket -> local.apply(bucket).getDayOfWeek();
            case DAY -> bucket -> local.apply(bucket).toLocalDate();
            case CAMPAIGN -> bucket -> nullKey(bucket.key().campaignId());
            case CALLER_ID -> bucket -> nullKey(bucket.key().callerId());
        };
    }

    /** Every hour and every weekday, empty ones too (a chart's axis); dates, campaigns and caller IDs that have calls. */
    private static List<OutcomeReport.Row> rows(GroupBy groupBy, Map<Object, OutcomeCounts> groups) {
        List<OutcomeReport.Row> rows = new ArrayList<>();
        switch (groupBy) {
            case HOUR_OF_DAY -> {
                for (int hour = 0; hour < 24; hour++) {
                    rows.add(new OutcomeReport.Row(hour, groups.getOrDefault(hour, new OutcomeCounts())));
                }
            }
            case DAY_OF_WEEK -> {
                for (DayOfWeek day : DayOfWeek.values()) {
                    rows.add(new OutcomeReport.Row(day.name(), groups.getOrDefault(day, new OutcomeCounts())));
                }
            }
            case DAY -> new TreeMap<>(groups).forEach((day, counts) -> rows.add(new OutcomeReport.Row(day.toString(), counts)));
            case CAMPAIGN, CALLER_ID -> groups.entrySet().stream()
                    .sorted(Comparator.comparing(entry -> entry.getKey() == NONE ? "" : (String) entry.getKey()))
                    .forEach(entry -> rows.add(new OutcomeReport.Row(entry.getKey() == NONE ? null : entry.getKey(),
                            entry.getValue())));
        }
        return rows;
    }

    /** Stands for "no campaign" or "the default caller ID" as a map key. */
    private static final Object NONE = new Object();

    private static Object nullKey(String value) {
        return value == null ? NONE : value;
    }
}
