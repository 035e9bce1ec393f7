package io.callscheduler.secrets;

/** The provider's secrets could not be read; the message says why without showing any value. */
public final class ProviderSecretsException extends RuntimeException {
    public ProviderSecretsException(String message, Throwable cause) {
        super(message, cause);
    }
}
