package io.callscheduler.model;

/**
 * What a call says and from which number, as the user asked when creating it (validated).
 *
 * @param callerId the number the callee sees (E.164); null for the deployment's default
 * @param message  text spoken to the callee, or null
 * @param voice    the text-to-speech voice for {@code message}, or null for the provider's default
 * @param language the language of {@code message} (BCP 47, e.g. en-US), or null for the provider's default
 * @param twimlUrl an https URL whose TwiML the provider runs instead of speaking {@code message}, or null
 * @param optOutDigit the key that puts the callee on the do-not-call list after the message (a campaign's own:
 *                 0-9, * or #), or null for the deployment's OptOutDigit
 */
public record CallScript(String callerId, String message, String voice, String language, String twimlUrl,
                         String optOutDigit) {
    public static final CallScript NONE = new CallScript(null, null, null, null, null);

    /** A script with the deployment's opt-out digit, if any. */
    public CallScript(String callerId, String message, String voice, String language, String twimlUrl) {
        this(callerId, message, voice, language, twimlUrl, null);
    }

    public CallScript withCallerId(String value) {
        return new CallScript(value, message, voice, language, twimlUrl, optOutDigit);
    }

    public CallScript withOptOutDigit(String value) {
        return new CallScript(callerId, message, voice, language, twimlUrl, value);
    }
}
