package io.callscheduler.localcloud;

import io.callscheduler.localcloud.template.SamTemplate;
import io.callscheduler.simulator.CallApiSimulator;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The telephony provider the functions reach locally: Twilio itself when this process's environment names
 * an account, else the Call API simulator (or the Call API configured instead).
 */
final class LocalProvider {
    /** Twilio's magic test From number: the simulator's default caller ID. */
    static final String SIMULATOR_FROM_NUMBER = "+15005550006";
    private static final List<String> PROVIDER_SECRET_VARIABLES = List.of("TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN",
            "TWILIO_API_KEY_SID", "TWILIO_API_KEY_SECRET", "CALL_API_CALLBACK_SECRET");

    private LocalProvider() {
    }

    /** Whether this process's environment names a Twilio account (then calls go to Twilio itself). */
    static boolean realTwilioAccount() {
        return !isBlank(System.getenv("TWILIO_ACCOUNT_SID")) && !isBlank(System.getenv("TWILIO_AUTH_TOKEN"));
    }

    /**
     * The provider's secrets, as functions read them locally without ProviderSecretArn: this process's
     * environment, else the simulator's own account and callback secret.
     *
     * @param simulator the started simulator, or null when an external Call API is used
     */
    static Map<String, String> secrets(CallApiSimulator simulator) {
        Map<String, String> secrets = new LinkedHashMap<>();
        for (String variable : PROVIDER_SECRET_VARIABLES) {
            String value = System.getenv(variable);
            if (!isBlank(value)) {
                secrets.put(variable, value);
            }
        }
        if (simulator != null) {
            secrets.putIfAbsent("TWILIO_ACCOUNT_SID", simulator.twilio().credentials().accountSid());
            secrets.putIfAbsent("TWILIO_AUTH_TOKEN", simulator.twilio().credentials().authToken());
            secrets.putIfAbsent("CALL_API_CALLBACK_SECRET", simulator.callbackSecret());
        }
        return secrets;
    }

    /** Where calls go, for the progress line naming the provider. */
    static String describe(SamTemplate template, URI callApiUrl, CallApiSimulator simulator) {
        if (!"twilio".equals(template.parameter("CallProvider"))) {
            return " (" + callApiUrl + ")";
        }
        String base = template.parameter("TwilioApiBaseUrl");
        return " (" + base + (simulator != null && base.equals(simulator.uri().toString()) ? ", the simulator's Twilio API" : "")
                + "; callbacks to " + template.parameter("PublicApiUrl") + ")";
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
