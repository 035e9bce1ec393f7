package io.callscheduler.suppressions.imports;

import io.callscheduler.csv.CsvFileException;
import io.callscheduler.csv.CsvRow;
import io.callscheduler.csv.CsvTable;
import io.callscheduler.destinations.WrittenNumbers;
import io.callscheduler.domain.CallRules;
import io.callscheduler.domain.ValidationException;
import io.callscheduler.suppressions.Suppression;
import io.callscheduler.suppressions.Suppressions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.callscheduler.suppressions.imports.SuppressionColumns.EXPIRES_AT;
import static io.callscheduler.suppressions.imports.SuppressionColumns.PHONE_NUMBER;
import static io.callscheduler.suppressions.imports.SuppressionColumns.REASON;
import static io.callscheduler.suppressions.imports.SuppressionColumns.SOURCE;

/**
 * Reads a do-not-call file into the entries to put on the list and the rows to reject, each with its reasons. Pure:
 * the file is read by {@link CsvTable} (refused whole with a {@link CsvFileException} when it cannot be), numbers
 * by {@link WrittenNumbers} as a contacts file's are, expiries as {@code PUT /suppressions} reads them.
 */
public final class SuppressionImport {
    public static final String DEFAULT_REASON = "imported";
    public static final String DEFAULT_SOURCE = "csv-import";
    /** Data rows one request may hold: read and written (400 BatchWriteItem requests) well within API Gateway's 29 s. */
    public static final int MAX_ROWS = 10_000;
    /** Characters of a cell a reject's message repeats. */
    private static final int ECHOED = 40;

    private SuppressionImport() {
    }

    /**
     * @param defaultRegion the region nationally written numbers are in, already checked, or null
     * @param now           the import's moment: expiries must be after it, and new entries are added at it
     * @throws CsvFileException for a file, or a header, that cannot be used at all: nothing of it is imported
     */
    public static SuppressionImportReport read(byte[] body, WrittenNumbers numbers, String defaultRegion, Instant now) {
        CsvTable table = CsvTable.read(body);
        refuseMisnamedColumns(table.columns());
        int phone = table.indexOf(PHONE_NUMBER).orElseThrow(() -> new CsvFileException(CsvTable.BODY, "MISSING_COLUMN",
                1L, "the header row has no phoneNumber column; the header names the columns, phoneNumber required,"
                + " reason, source and expiresAt optional, such as phoneNumber,reason"));
        if (table.rows().size() > MAX_ROWS) {
            throw new CsvFileException(CsvTable.BODY, "TOO_MANY_ROWS", null, "the file has " + table.rows().size()
                    + " rows; one import takes at most " + MAX_ROWS + ": split it into several files (importing a"
                    + " number again refreshes its entry, never adds a second)");
        }
        Map<String, Long> firstRowOf = new HashMap<>();
        List<Suppression> entries = new ArrayList<>();
        List<SuppressionReject> rejects = new ArrayList<>();
        int duplicates = 0;
        for (CsvRow row : table.rows()) {
            List<SuppressionReject> found = new ArrayList<>();
            String number = number(row, row.cells().get(phone), numbers, defaultRegion, found);
            if (number != null) {
                Long first = firstRowOf.putIfAbsent(number, row.row());
                if (first != null) {
                    found.add(new SuppressionReject(row.row(), PHONE_NUMBER, SuppressionRejectCode.DUPLICATE_IN_FILE,
                            "phoneNumber " + number + " is also on row " + first + " of this file"));
                    duplicates++;
                }
            }
            String reason = text(row, table, REASON, Suppressions.MAX_REASON, found);
            String source = text(row, table, SOURCE, Suppressions.MAX_SOURCE, found);
            Instant expiresAt = expiry(row, table, now, found);
            if (found.isEmpty()) {
                entries.add(new Suppression(number, reason == null ? DEFAULT_REASON : reason,
                        source == null ? DEFAULT_SOURCE : source, expiresAt, now, null, null));
            } else {
                rejects.addAll(found);
            }
        }
        List<String> ignored = table.columns().stream().filter(c -> !SuppressionColumns.KNOWN.contains(c)).toList();
        int rows = table.rows().size();
        return new SuppressionImportReport(rows, entries.size(), rows - entries.size(), duplicates, entries, rejects, ignored);
    }

    /**
     * Other columns are ignored, so that an export from another system imports as it is; but one that differs from a
     * known column only in case or separators ({@code Expires_At}) is refused, lest its values be silently dropped.
     */
    private static void refuseMisnamedColumns(List<String> columns) {
        for (String column : columns) {
            for (String known : SuppressionColumns.KNOWN) {
                if (!column.equals(known) && !columns.contains(known) && folded(column).equals(folded(known))) {
                    throw new CsvFileException(CsvTable.BODY, "MISNAMED_COLUMN", 1L, "the header names a column '"
                            + echo(column) + "': call it " + known + " (column names are case-sensitive)");
                }
            }
        }
    }

    private static String folded(String column) {
        return column.replaceAll("[\\s_-]", "").toLowerCase(Locale.ROOT);
    }

    private static String number(CsvRow row, String cell, WrittenNumbers numbers, String defaultRegion,
                                 List<SuppressionReject> found) {
        String written = cell.strip();
        if (written.isEmpty()) {
            found.add(new SuppressionReject(row.row(), PHONE_NUMBER, SuppressionRejectCode.INVALID_NUMBER, "phoneNumber is empty"));
            return null;
        }
        WrittenNumbers.Reading reading = numbers.read(written, defaultRegion);
        if (!reading.isRead()) {
            found.add(new SuppressionReject(row.row(), PHONE_NUMBER, SuppressionRejectCode.INVALID_NUMBER,
                    "phoneNumber '" + echo(written) + "' " + reading.problem()));
        }
        return reading.e164();
    }

    /** An optional text cell: null when the column is absent or the cell empty. */
    private static String text(CsvRow row, CsvTable table, String column, int max, List<SuppressionReject> found) {
        Integer index = table.indexOf(column).orElse(null);
        if (index == null) {
            return null;
        }
        try {
            return CallRules.optionalText(column, row.cells().get(index), max);
        } catch (ValidationException e) {
            SuppressionRejectCode code = "INVALID_CHARACTERS".equals(e.code())
                    ? SuppressionRejectCode.INVALID_CHARACTERS : SuppressionRejectCode.TOO_LONG;
            found.add(new SuppressionReject(row.row(), column, code, e.getMessage()));
            return null;
        }
    }

    private static Instant expiry(CsvRow row, CsvTable table, Instant now, List<SuppressionReject> found) {
        Integer index = table.indexOf(EXPIRES_AT).orElse(null);
        if (index == null) {
            return null;
        }
        try {
            return Suppressions.expiry(row.cells().get(index), now);
        } catch (ValidationException e) {
            found.add(new SuppressionReject(row.row(), EXPIRES_AT, SuppressionRejectCode.BAD_EXPIRES_AT, e.getMessage()));
            return null;
        }
    }

    private static String echo(String cell) {
        return cell.length() <= ECHOED ? cell : cell.substring(0, ECHOED) + "…";
    }
}
