package io.callscheduler.reports;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A report: its question, how current its aggregates are ({@code asOf}, null before any change was taken in), the
 * totals, and one row per group in the group's order.
 */
public record OutcomeReport(ReportRequest request, Instant asOf, OutcomeCounts totals, List<Row> rows) {
    public OutcomeReport {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(totals, "totals");
        rows = List.copyOf(rows);
    }

    /** @param key the group: an hour 0-23, a day of the week (MONDAY...), a date, a campaign id or a caller ID (null: none) */
    public record Row(Object key, OutcomeCounts counts) {
    }
}
