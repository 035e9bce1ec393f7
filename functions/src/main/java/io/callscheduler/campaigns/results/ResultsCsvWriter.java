package io.callscheduler.campaigns.results;

import io.callscheduler.campaigns.contacts.ContactColumns;
import io.callscheduler.csv.SpreadsheetSafeCsvPrinter;

import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A campaign's results as CSV, one row per contact, written to the Writer row by row (nothing is held but the
 * row at hand, so 100,000 contacts stream through a small Lambda). The columns are versioned: the first column,
 * {@code resultsVersion}, holds {@value #VERSION} on every row, and a version only ever changes when a column
 * is removed, renamed or changes meaning (new columns may be added at the end of the fixed ones).
 *
 * <p>Version 1: {@code resultsVersion, phoneNumber, contactName}, then the campaign's own columns in their
 * files' order ({@code calleeTimeZone}, {@code notes} and any other; one that has a fixed column's name is
 * written as {@code contact.<name>}), then {@code status, attempts, answeredBy, durationSeconds, lastError,
 * firstDialAt, lastDialAt} (times in ISO 8601 UTC). Cells a spreadsheet would run as formulas are neutralised
 * ({@link SpreadsheetSafeCsvPrinter}).
 */
public final class ResultsCsvWriter implements Closeable {
    public static final int VERSION = 1;
    public static final List<String> LEADING = List.of("resultsVersion", ContactColumns.PHONE_NUMBER, ContactColumns.CONTACT_NAME);
    public static final List<String> TRAILING = List.of("status", "attempts", "answeredBy", "durationSeconds",
            "lastError", "firstDialAt", "lastDialAt");
    private static final Set<String> FIXED = fixed();

    private final SpreadsheetSafeCsvPrinter csv;
    private final List<String> ownColumns;

    /**
     * Writes the header at once.
     *
     * @param contactColumns the campaign's contact columns, in file order (phoneNumber and contactName among them
     *                       or not: they are written in their fixed places)
     */
    public ResultsCsvWriter(Writer out, List<String> contactColumns) throws IOException {
        this(out, contactColumns, true);
    }

    /**
     * @param header whether to write the header row: the first page of a results download has it, the next pages do
     *               not, so that pages concatenated make one file
     */
    public ResultsCsvWriter(Writer out, List<String> contactColumns, boolean header) throws IOException {
        this.csv = new SpreadsheetSafeCsvPrinter(out);
        this.ownColumns = contactColumns.stream()
                .filter(c -> !c.equals(ContactColumns.PHONE_NUMBER) && !c.equals(ContactColumns.CONTACT_NAME))
                .distinct().toList();
        List<String> names = new ArrayList<>(LEADING);
        ownColumns.forEach(c -> names.add(FIXED.contains(c) ? "contact." + c : c));
        names.addAll(TRAILING);
        if (header) {
            csv.printRow(names);
        }
    }

    /** One contact's row, written through to the Writer. */
    public void write(ResultRow row) throws IOException {
        List<String> cells = new ArrayList<>(LEADING.size() + ownColumns.size() + TRAILING.size());
        cells.add(Integer.toString(VERSION));
        cells.add(row.phoneNumber());
        cells.add(row.contactName());
        ownColumns.forEach(c -> cells.add(row.columns().get(c)));
        cells.add(row.status());
        cells.add(Integer.toString(row.attempts()));
        cells.add(row.answeredBy());
        cells.add(row.duration() == null ? null : Long.toString(row.duration().toSeconds()));
        cells.add(row.lastError());
        cells.add(time(row.firstDialAt()));
        cells.add(time(row.lastDialAt()));
        csv.printRow(cells);
    }

    /** Pushes what is written on to the Writer's destination (a response stream, a multipart upload). */
    public void flush() throws IOException {
        csv.flush();
    }

    /** Flushes and closes the Writer. */
    @Override
    public void close() throws IOException {
        csv.close();
    }

    private static String time(Instant at) {
        return at == null ? null : at.toString();
    }

    private static Set<String> fixed() {
        Set<String> names = new HashSet<>(LEADING);
        names.addAll(TRAILING);
        return Set.copyOf(names);
    }
}
