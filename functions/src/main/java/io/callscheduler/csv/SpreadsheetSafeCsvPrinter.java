package io.callscheduler.csv;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes CSV that a spreadsheet opens as data, never as formulas (CSV or formula injection, OWASP): a cell that
 * starts with {@code =}, {@code +}, {@code -}, {@code @}, a tab, a carriage return or a line feed gets a leading
 * {@code '}, which spreadsheets take as "text" and do not show; every cell is quoted and its quotes doubled
 * (RFC 4180, by Commons CSV), so a cell cannot end early and start another. Rows go to the Writer as they are
 * printed: nothing is held but the row at hand.
 *
 * <p>A program reading the file back drops one leading {@code '} where it is followed by one of those
 * characters ({@link #restore}).
 */
public final class SpreadsheetSafeCsvPrinter implements Closeable, Flushable {
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setQuoteMode(QuoteMode.ALL).get();
    private static final String TRIGGERS = "=+-@\t\r\n";

    private final CSVPrinter printer;

    public SpreadsheetSafeCsvPrinter(Writer out) {
        try {
            this.printer = new CSVPrinter(out, FORMAT);
        } catch (IOException e) {
            throw new IllegalStateException("CSVPrinter writes nothing when created", e);
        }
    }

    /** One row; a null cell is written empty. */
    public void printRow(List<String> cells) throws IOException {
        List<String> safe = new ArrayList<>(cells.size());
        for (String cell : cells) {
            safe.add(neutralise(cell));
        }
        printer.printRecord(safe);
    }

    /** The cell as it is written: a leading {@code '} before a character a spreadsheet would start a formula with. */
    public static String neutralise(String cell) {
        if (cell == null || cell.isEmpty()) {
            return "";
        }
        return TRIGGERS.indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
    }

    /** A cell read back as it was before {@link #neutralise}. */
    public static String restore(String cell) {
        return cell.length() >= 2 && cell.charAt(0) == '\'' && TRIGGERS.indexOf(cell.charAt(1)) >= 0
                ? cell.substring(1) : cell;
    }

    @Override
    public void flush() throws IOException {
        printer.flush();
    }

    /** Flushes and closes the Writer too. */
    @Override
    public void close() throws IOException {
        printer.close(true);
    }
}
