package io.callscheduler.campaigns.contacts;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An accepted row of a contacts file: what its call needs, and every column as the file had it (for the
 * message's fields and the results export), {@code phoneNumber} replaced by its E.164 form.
 *
 * @param row         the row's number as a spreadsheet shows it (the header is row 1)
 * @param phoneNumber the number in E.164 form
 * @param calleeZones the IANA zones its calling hours apply in: calleeTimeZone when given, else the zones the
 *                    number may ring in; empty when neither says (the campaign's own zone then)
 * @param columns     every column of the file, in file order
 */
public record Contact(long row, String phoneNumber, List<String> calleeZones, Map<String, String> columns) {
    public Contact {
        calleeZones = List.copyOf(calleeZones);
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    /** The contact's name, or null when the file gives none. */
    public String contactName() {
        return nonEmpty(columns.get(ContactColumns.CONTACT_NAME));
    }

    public String notes() {
        return nonEmpty(columns.get(ContactColumns.NOTES));
    }

    private static String nonEmpty(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
