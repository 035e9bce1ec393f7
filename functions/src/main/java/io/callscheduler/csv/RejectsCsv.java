package io.callscheduler.csv;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/** An import's rejects as CSV, the answer to {@code Accept: text/csv}: one line per reject, safe in a spreadsheet. */
public final class RejectsCsv {
    public static final List<String> COLUMNS = List.of("row", "column", "code", "message");

    private RejectsCsv() {
    }

    public static void write(List<? extends RowReject> rejects, Writer out) throws IOException {
        SpreadsheetSafeCsvPrinter csv = new SpreadsheetSafeCsvPrinter(out);
        csv.printRow(COLUMNS);
        for (RowReject reject : rejects) {
            csv.printRow(List.of(Long.toString(reject.row()), reject.column(), reject.code().name(), reject.message()));
        }
        csv.flush();
    }

    public static String of(List<? extends RowReject> rejects) {
        StringWriter out = new StringWriter();
        try {
            write(rejects, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does no I/O
        }
        return out.toString();
    }
}
