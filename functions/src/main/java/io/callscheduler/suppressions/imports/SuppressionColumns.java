package io.callscheduler.suppressions.imports;

import java.util.List;

/** The columns of a do-not-call file with a meaning; any other column is ignored (and named in the answer). */
public final class SuppressionColumns {
    /** Required: the number, E.164 or written nationally (read with the upload's defaultRegion). */
    public static final String PHONE_NUMBER = "phoneNumber";
    /** Why; empty: {@value SuppressionImport#DEFAULT_REASON}. */
    public static final String REASON = "reason";
    /** Where the number came from; empty: {@value SuppressionImport#DEFAULT_SOURCE}. */
    public static final String SOURCE = "source";
    /** An ISO-8601 instant with an offset, in the future; empty: never expires. */
    public static final String EXPIRES_AT = "expiresAt";
    public static final List<String> KNOWN = List.of(PHONE_NUMBER, REASON, SOURCE, EXPIRES_AT);

    private SuppressionColumns() {
    }
}
