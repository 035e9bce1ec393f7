package io.callscheduler.campaigns.contacts;

/** Why a row of a contacts file is not imported. */
public enum RejectCode {
    /** The number cannot be read, even with the upload's defaultRegion. */
    INVALID_NUMBER,
    /** The deployment does not call the number's country (AllowedCountryCodes). */
    COUNTRY_NOT_ALLOWED,
    /** The deployment does not call numbers of its type or network (AllowedNumberTypes). */
    NUMBER_NOT_ALLOWED,
    /** The number is on the do-not-call list. */
    SUPPRESSED,
    /** An earlier row of the same file has the same number (E.164, however written). */
    DUPLICATE_IN_FILE,
    /** The campaign already has the number, from an earlier upload. */
    DUPLICATE_IN_CAMPAIGN,
    /** calleeTimeZone is not an IANA time zone. */
    BAD_TIME_ZONE,
    /** The zones the number may ring in never share an open moment in the campaign's calling window. */
    NO_CALLING_HOURS,
    /** A cell is longer than a call takes it (contactName, notes), or the filled-in message is. */
    TOO_LONG
}
