package io.callscheduler.campaigns.contacts;

import io.callscheduler.csv.SpreadsheetSafeCsvPrinter;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * What a contacts file holds: every data row is either accepted or rejected ({@code rows = accepted + rejected});
 * {@code duplicates} and {@code suppressed} count the rejected rows of those kinds. A rejected row has one or
 * more rejects, in the order of its columns' checks.
 */
public record ImportReport(int rows, int accepted, int rejected, int duplicates, int suppressed,
                           List<Contact> contacts, List<Reject> rejects) {
    public static final List<String> REJECT_COLUMNS = List.of("row", "column", "code", "message");

    public ImportReport {
        contacts = List.copyOf(contacts);
        rejects = List.copyOf(rejects);
    }

    /** The rejects as CSV: {@link #REJECT_COLUMNS}, one line per reject, safe to open in a spreadsheet. */
    public void writeRejectsCsv(Writer out) throws IOException {
        SpreadsheetSafeCsvPrinter csv = new SpreadsheetSafeCsvPrinter(out);
        csv.printRow(REJECT_COLUMNS);
        for (Reject reject : rejects) {
            csv.printRow(List.of(Long.toString(reject.row()), reject.column(), reject.code().name(), reject.message()));
        }
        csv.flush();
    }
}
