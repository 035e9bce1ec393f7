package io.callscheduler.domain;

/**
 * A create request as the user sent it: raw strings, not yet validated. Any field may be null.
 *
 * @param scheduledAt ISO-8601 with offset, a local date-time (then {@code timeZone} says where), "now" or null
 * @param callerId    the number to call from (E.164), or null for the deployment's default
 * @param message     the text to speak, or null
 * @param voice       the voice speaking {@code message}, or null
 * @param language    the language of {@code message}, or null
 * @param twimlUrl    an https URL of TwiML to run instead of a message, or null
 * @param calleeTimeZone the IANA zone the callee is in, for calling hours, or null to infer it from the number
 * @param redial      the call's own redial policy, or null for the deployment's
 */
public record NewCallRequest(String phoneNumber, String scheduledAt, String timeZone, String contactName,
                             String notes, String callerId, String message, String voice, String language,
                             String twimlUrl, String calleeTimeZone, RedialRequest redial) {

    /** A request for a call that says nothing, from the default number. */
    public NewCallRequest(String phoneNumber, String scheduledAt, String timeZone, String contactName, String notes) {
        this(phoneNumber, scheduledAt, timeZone, contactName, notes, null, null, null, null, null, null, null);
    }

    /** Whether any field added after the first release is given (they join the idempotency fingerprint). */
    boolean hasScript() {
        return callerId != null || message != null || voice != null || language != null || twimlUrl != null
                || calleeTimeZone != null || redial != null;
    }
}
