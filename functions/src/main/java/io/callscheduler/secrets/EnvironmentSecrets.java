package io.callscheduler.secrets;

import java.util.HashMap;
import java.util.Map;

/**
 * Secrets from environment variables, for local runs: {@code TWILIO_ACCOUNT_SID}, {@code TWILIO_AUTH_TOKEN},
 * {@code TWILIO_API_KEY_SID}, {@code TWILIO_API_KEY_SECRET} and {@code CALL_API_CALLBACK_SECRET}, under the
 * names the Secrets Manager secret's JSON uses.
 */
public final class EnvironmentSecrets implements ProviderSecrets {
    private static final Map<String, String> VARIABLES = Map.of(
            "TWILIO_ACCOUNT_SID", "accountSid",
            "TWILIO_AUTH_TOKEN", "authToken",
            "TWILIO_API_KEY_SID", "apiKeySid",
            "TWILIO_API_KEY_SECRET", "apiKeySecret",
            "CALL_API_CALLBACK_SECRET", "callbackSigningSecret");

    private final Map<String, String> secrets;

    public EnvironmentSecrets(Map<String, String> env) {
        Map<String, String> found = new HashMap<>();
        VARIABLES.forEach((variable, name) -> {
            String value = env.get(variable);
            if (value != null && !value.isBlank()) {
                found.put(name, value);
            }
        });
        this.secrets = Map.copyOf(found);
    }

    @Override
    public Map<String, String> current() {
        return secrets;
    }

    @Override
    public void refresh() {
        // the environment does not change under a running process
    }
}
