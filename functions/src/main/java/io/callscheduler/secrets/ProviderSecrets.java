package io.callscheduler.secrets;

import java.util.Map;

/**
 * The telephony provider's secrets (Twilio's Account SID and Auth Token, the generic contract's callback
 * signing secret), as name → value. Read once per container and cached; {@link #refresh()} re-reads them
 * after the provider refused them, so that a rotated secret is picked up without a redeploy.
 */
public interface ProviderSecrets {
    /** The secrets, from the cache after the first read. @throws ProviderSecretsException when they cannot be read */
    Map<String, String> current();

    /** Forgets the cached secrets: the next {@link #current()} reads them again. */
    void refresh();

    /** The value of one secret, or null. */
    default String get(String name) {
        String value = current().get(name);
        return value == null || value.isBlank() ? null : value;
    }
}
