package io.callscheduler.reports;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callscheduler.csv.SpreadsheetSafeCsvPrinter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A report as JSON ({@code from, to, groupBy, zone, campaignId, callerId, asOf, totals, groups[]}, each group its
 * {@code key} and the columns of {@link OutcomeMetrics}) or as CSV (a header row, a row per group, a last row
 * {@value #TOTAL_ROW}; cells that could start a formula are neutralised).
 */
public final class OutcomeReportFormats {
    public static final String TOTAL_ROW = "total";

    private OutcomeReportFormats() {
    }

    public static ObjectNode json(OutcomeReport report) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode body = nodes.objectNode();
        ReportRequest request = report.request();
        body.put("from", request.from().toString());
        body.put("to", request.to().toString());
        body.put("groupBy", request.groupBy().wireName());
        body.put("zone", request.zoneName());
        body.put("campaignId", request.campaignId());
        body.put("callerId", request.callerId());
        body.put("asOf", report.asOf() == null ? null : report.asOf().toString());
        body.set("totals", metrics(nodes.objectNode(), report.totals()));
        var groups = body.putArray("groups");
        for (OutcomeReport.Row row : report.rows()) {
            ObjectNode group = nodes.objectNode();
            if (row.key() instanceof Integer hour) {
                group.put("key", hour);
            } else {
                group.put("key", (String) row.key());
            }
            groups.add(metrics(group, row.counts()));
        }
        return body;
    }

    public static String csv(OutcomeReport report) {
        StringWriter out = new StringWriter();
        try (SpreadsheetSafeCsvPrinter printer = new SpreadsheetSafeCsvPrinter(out)) {
            List<String> header = new ArrayList<>();
            header.add(report.request().groupBy().wireName());
            header.addAll(OutcomeMetrics.columns(new OutcomeCounts()).keySet());
            printer.printRow(header);
            for (OutcomeReport.Row row : report.rows()) {
                printer.printRow(cells(row.key() == null ? "" : row.key().toString(), row.counts()));
            }
            printer.printRow(cells(TOTAL_ROW, report.totals()));
        } catch (IOException e) {
            throw new UncheckedIOException("a StringWriter does not fail", e);
        }
        return out.toString();
    }

    private static List<String> cells(String key, OutcomeCounts counts) {
        List<String> cells = new ArrayList<>();
        cells.add(key);
        OutcomeMetrics.columns(counts).values().forEach(value -> cells.add(value == null ? ""
                : value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString()));
        return cells;
    }

    private static ObjectNode metrics(ObjectNode node, OutcomeCounts counts) {
        for (Map.Entry<String, Object> column : OutcomeMetrics.columns(counts).entrySet()) {
            Object value = column.getValue();
            if (value == null) {
                node.putNull(column.getKey());
            } else if (value instanceof BigDecimal decimal) {
                node.put(column.getKey(), decimal);
            } else {
                node.put(column.getKey(), ((Number) value).longValue());
            }
        }
        return node;
    }
}
