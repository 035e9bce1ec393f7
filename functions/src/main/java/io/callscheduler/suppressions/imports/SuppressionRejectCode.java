package io.callscheduler.suppressions.imports;

/** Why a row of a do-not-call file is not imported. */
public enum SuppressionRejectCode {
    /** The number cannot be read, even with the upload's defaultRegion. */
    INVALID_NUMBER,
    /** expiresAt is not an ISO-8601 instant, or it has passed (such an entry would suppress nothing). */
    BAD_EXPIRES_AT,
    /** An earlier row of the same file has the same number (E.164, however written). */
    DUPLICATE_IN_FILE,
    /** reason or source is longer than an entry keeps. */
    TOO_LONG,
    /** reason or source holds control characters. */
    INVALID_CHARACTERS
}
