package io.callscheduler.campaigns.contacts;

import io.callscheduler.csv.RejectsCsv;

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
    public static final List<String> REJECT_COLUMNS = RejectsCsv.COLUMNS;

    public ImportReport {
        contacts = List.copyOf(contacts);
        rejects = List.copyOf(rejects);
    }

    /** The rejects as CSV ({@link RejectsCsv}). */
    public void writeRejectsCsv(Writer out) throws IOException {
        RejectsCsv.write(rejects, out);
    }
}
