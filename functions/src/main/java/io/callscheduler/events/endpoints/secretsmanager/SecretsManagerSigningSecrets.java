package io.callscheduler.events.endpoints.secretsmanager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callscheduler.dependencies.DependencyUnavailableException;
import io.callscheduler.events.endpoints.EndpointNotFoundException;
import io.callscheduler.events.endpoints.SigningSecretStore;
import io.callscheduler.events.signing.SigningKeys;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

import java.io.IOException;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Endpoints' signing keys in AWS Secrets Manager, one secret per endpoint named {@code <prefix><endpoint id>} (the
 * functions' IAM grants are scoped to that prefix), whose SecretString is
 * {@code {"current", "previous", "previousUntil", "rotation"}}. Encrypted at rest with the account's Secrets Manager
 * key. No message of this class carries a value: only names.
 */
public final class SecretsManagerSigningSecrets implements SigningSecretStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SecretsManagerClient client;
    private final String namePrefix;

    /** @param namePrefix such as {@code call-scheduler/webhook-endpoints/} */
    public SecretsManagerSigningSecrets(SecretsManagerClient client, String namePrefix) {
        this.client = Objects.requireNonNull(client, "client");
        this.namePrefix = Objects.requireNonNull(namePrefix, "namePrefix");
    }

    String nameOf(String endpointId) {
        return namePrefix + endpointId;
    }

    @Override
    public void create(String endpointId, SigningKeys keys) {
        call("create", endpointId, () -> client.createSecret(r -> r.name(nameOf(endpointId))
                .description("Signing secret of a Call Scheduler webhook endpoint").secretString(json(keys))));
    }

    @Override
    public SigningKeys read(String endpointId) {
        String text;
        try {
            text = call("read", endpointId, () -> client.getSecretValue(r -> r.secretId(nameOf(endpointId)))).secretString();
        } catch (ResourceNotFoundException e) {
            throw new EndpointNotFoundException(endpointId);
        }
        try {
            JsonNode node = JSON.readTree(text);
            JsonNode previous = node.path("previous");
            JsonNode until = node.path("previousUntil");
            return new SigningKeys(node.get("current").asText(), previous.isTextual() ? previous.asText() : null,
                    until.isTextual() ? Instant.parse(until.asText()) : null, node.path("rotation").asLong(0));
        } catch (IOException | RuntimeException e) {
            // Never the text itself: it is a secret even when malformed.
            throw new IllegalStateException("the signing secret " + nameOf(endpointId) + " is not a JSON object of keys", null);
        }
    }

    @Override
    public void put(String endpointId, SigningKeys keys) {
        call("write", endpointId, () -> client.putSecretValue(r -> r.secretId(nameOf(endpointId)).secretString(json(keys))));
    }

    /** At once, without the recovery window: the endpoint is gone, and nothing signs with its secret any more. */
    @Override
    public void delete(String endpointId) {
        try {
            call("delete", endpointId, () -> client.deleteSecret(r -> r.secretId(nameOf(endpointId)).forceDeleteWithoutRecovery(true)));
        } catch (ResourceNotFoundException e) {
            // already gone: a retried delete
        }
    }

    private static String json(SigningKeys keys) {
        ObjectNode node = JSON.createObjectNode();
        node.put("current", keys.current());
        node.put("previous", keys.previous());
        node.put("previousUntil", keys.previousUntil() == null ? null : keys.previousUntil().toString());
        node.put("rotation", keys.rotation());
        return node.toString();
    }

    private <T> T call(String what, String endpointId, Supplier<T> request) {
        try {
            return request.get();
        } catch (ResourceNotFoundException e) {
            throw e;
        } catch (SdkException e) {
            throw new DependencyUnavailableException("could not " + what + " the signing secret " + nameOf(endpointId)
                    + ": " + e.getMessage(), e);
        }
    }
}
