package io.callscheduler.telephony.twilio;

import io.callscheduler.secrets.ProviderSecrets;

/**
 * A Twilio account's credentials, from the provider secret's {@code accountSid}, {@code authToken} and
 * optionally {@code apiKeySid} + {@code apiKeySecret} (then used for the REST API; the Auth Token still
 * checks callback signatures, which Twilio signs with it).
 */
public record TwilioCredentials(String accountSid, String authToken, String apiKeySid, String apiKeySecret) {

    /** @throws IllegalStateException naming the missing entries (never their values) */
    public static TwilioCredentials from(ProviderSecrets secrets) {
        String accountSid = secrets.get("accountSid");
        String authToken = secrets.get("authToken");
        if (accountSid == null || authToken == null) {
            throw new IllegalStateException("the Twilio provider needs accountSid and authToken in the provider secret "
                    + "(ProviderSecretArn), or TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN in the environment");
        }
        return new TwilioCredentials(accountSid, authToken, secrets.get("apiKeySid"), secrets.get("apiKeySecret"));
    }

    String username() {
        return apiKeySid != null && apiKeySecret != null ? apiKeySid : accountSid;
    }

    String password() {
        return apiKeySid != null && apiKeySecret != null ? apiKeySecret : authToken;
    }

    @Override
    public String toString() {
        return "TwilioCredentials[accountSid=" + accountSid + ", secrets hidden]";
    }
}
