package io.callscheduler.campaigns.contacts;

import java.util.List;

/** The columns of a contacts file with a meaning of their own; any other column is kept as it is. */
public final class ContactColumns {
    /** Required: the number to call, E.164 or written nationally (read with the upload's defaultRegion). */
    public static final String PHONE_NUMBER = "phoneNumber";
    public static final String CONTACT_NAME = "contactName";
    /** The callee's IANA time zone, for calling hours; when empty, the zones the number may ring in. */
    public static final String CALLEE_TIME_ZONE = "calleeTimeZone";
    public static final String NOTES = "notes";
    public static final List<String> STANDARD = List.of(PHONE_NUMBER, CONTACT_NAME, CALLEE_TIME_ZONE, NOTES);

    private ContactColumns() {
    }
}
