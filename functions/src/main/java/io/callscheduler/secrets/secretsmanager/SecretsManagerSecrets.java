package io.callscheduler.secrets.secretsmanager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callscheduler.secrets.ProviderSecrets;
import io.callscheduler.secrets.ProviderSecretsException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The provider's secrets from one AWS Secrets Manager secret whose SecretString is a JSON object of strings
 * (the README's "Using Twilio" shows it), read once per container: one GetSecretValue per cold start.
 */
public final class SecretsManagerSecrets implements ProviderSecrets {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SecretsManagerClient client;
    private final String secretArn;
    private volatile Map<String, String> cached;

    public SecretsManagerSecrets(SecretsManagerClient client, String secretArn) {
        this.client = Objects.requireNonNull(client, "client");
        this.secretArn = Objects.requireNonNull(secretArn, "secretArn");
    }

    @Override
    public Map<String, String> current() {
        Map<String, String> secrets = cached;
        if (secrets == null) {
            synchronized (this) {
                if (cached == null) {
                    cached = read();
                }
                secrets = cached;
            }
        }
        return secrets;
    }

    @Override
    public void refresh() {
        cached = null;
    }

    private Map<String, String> read() {
        String text;
        try {
            text = client.getSecretValue(request -> request.secretId(secretArn)).secretString();
        } catch (SdkException e) {
            throw new ProviderSecretsException("cannot read the provider secret " + secretArn + ": " + e.getMessage(), e);
        }
        try {
            JsonNode json = text == null ? null : JSON.readTree(text);
            if (json == null || !json.isObject()) {
                throw new IOException("not a JSON object");
            }
            Map<String, String> secrets = new HashMap<>();
            json.fields().forEachRemaining(field -> secrets.put(field.getKey(), field.getValue().asText()));
            return Map.copyOf(secrets);
        } catch (IOException e) {
            // Never the value itself: it is a secret even when malformed.
            throw new ProviderSecretsException("the provider secret " + secretArn
                    + " must be a JSON object such as {\"accountSid\": \"AC...\", \"authToken\": \"...\"}", null);
        }
    }
}
