package io.callscheduler.emulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.callscheduler.emulators.usage.AwsUsage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * AWS Secrets Manager, emulated for what the provider's credentials and the webhook endpoints' signing secrets need:
 * CreateSecret, GetSecretValue, PutSecretValue (a new AWSCURRENT version), DescribeSecret and DeleteSecret (at once,
 * as with ForceDeleteWithoutRecovery: a recovery window is answered but not kept), in the JSON protocol the SDKs and
 * the AWS CLI speak. Secrets are found by name or ARN. String secrets only. They persist as one JSON file each when a
 * directory is given; the files hold the values in clear, as the whole local data directory does.
 */
public final class SecretsManagerEmulator implements AwsService {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9/_+=.@-]{1,512}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Secret(String name, String arn, String value, String versionId, long createdMillis) {
    }

    private final String region;
    private final String account;
    private final Path directory;
    private final Clock clock;
    private volatile AwsUsage usage = new AwsUsage();
    private final Map<String, Secret> byName = new ConcurrentHashMap<>();

    /** @param directory where secrets persist, or null */
    public SecretsManagerEmulator(String region, String account, Path directory, Clock clock) {
        this.region = region;
        this.account = account;
        this.directory = directory;
        this.clock = clock;
        if (directory != null) {
            load();
        }
    }

    /** Counts every request into {@code usage}. */
    public SecretsManagerEmulator meteredBy(AwsUsage usage) {
        this.usage = usage;
        return this;
    }

    @Override
    public String signingName() {
        return "secretsmanager";
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String operation = HttpJson.jsonOperation(exchange, "secretsmanager");
        usage.request("secretsmanager", operation);
        JsonNode request = HttpJson.readBody(exchange);
        ObjectNode response = switch (operation) {
            case "CreateSecret" -> create(request);
            case "GetSecretValue" -> value(find(request));
            case "PutSecretValue" -> put(request);
            case "DescribeSecret" -> describe(find(request));
            case "DeleteSecret" -> delete(request);
            default -> throw new AwsError(400, "InvalidAction", operation + " is not emulated");
        };
        HttpJson.send(exchange, 200, response.toString().getBytes(StandardCharsets.UTF_8), "application/x-amz-json-1.1");
    }

    /** Creates a secret (for the local cloud and tests); fails if the name is taken. */
    public synchronized String createSecret(String name, String value) {
        if (!NAME.matcher(name).matches()) {
            throw new AwsError(400, "InvalidParameterException", "Invalid name. Must be 1-512 of [A-Za-z0-9/_+=.@-]");
        }
        if (byName.containsKey(name)) {
            throw new AwsError(400, "ResourceExistsException", "The operation failed because the secret " + name + " already exists.");
        }
        // As on AWS: the ARN ends with a dash and six random characters.
        String arn = "arn:aws:secretsmanager:" + region + ":" + account + ":secret:" + name + "-"
                + HexFormat.of().formatHex(RANDOM.generateSeed(3));
        store(new Secret(name, arn, value, UUID.randomUUID().toString(), clock.millis()));
        return arn;
    }

    private ObjectNode create(JsonNode request) {
        String value = secretString(request);
        String arn = createSecret(text(request, "Name"), value);
        Secret secret = byName.get(text(request, "Name"));
        return HttpJson.MAPPER.createObjectNode().put("ARN", arn).put("Name", secret.name()).put("VersionId", secret.versionId());
    }

    private synchronized ObjectNode put(JsonNode request) {
        Secret old = find(request);
        Secret updated = new Secret(old.name(), old.arn(), secretString(request), UUID.randomUUID().toString(), old.createdMillis());
        store(updated);
        ObjectNode response = HttpJson.MAPPER.createObjectNode().put("ARN", updated.arn()).put("Name", updated.name())
                .put("VersionId", updated.versionId());
        response.putArray("VersionStages").add("AWSCURRENT");
        return response;
    }

    private synchronized ObjectNode delete(JsonNode request) {
        Secret secret = find(request);
        byName.remove(secret.name());
        if (directory != null) {
            try {
                Files.deleteIfExists(fileOf(secret.name()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        long window = request.path("ForceDeleteWithoutRecovery").asBoolean(false) ? 0
                : request.path("RecoveryWindowInDays").asLong(30);
        return HttpJson.MAPPER.createObjectNode().put("ARN", secret.arn()).put("Name", secret.name())
                .put("DeletionDate", (clock.millis() + window * 86_400_000L) / 1000.0);
    }

    private Path fileOf(String name) {
        return directory.resolve(HexFormat.of().formatHex(name.getBytes(StandardCharsets.UTF_8)) + ".json");
    }

    private ObjectNode value(Secret secret) {
        ObjectNode response = HttpJson.MAPPER.createObjectNode().put("ARN", secret.arn()).put("Name", secret.name())
                .put("VersionId", secret.versionId()).put("SecretString", secret.value())
                .put("CreatedDate", secret.createdMillis() / 1000.0);
        response.putArray("VersionStages").add("AWSCURRENT");
        return response;
    }

    private ObjectNode describe(Secret secret) {
        return HttpJson.MAPPER.createObjectNode().put("ARN", secret.arn()).put("Name", secret.name())
                .put("CreatedDate", secret.createdMillis() / 1000.0);
    }

    private Secret find(JsonNode request) {
        String id = text(request, "SecretId");
        Secret secret = byName.get(id);
        if (secret == null) {
            // By ARN: the full ARN, or (as AWS allows) the ARN without its random suffix.
            secret = byName.values().stream().filter(s -> s.arn().equals(id) || s.arn().startsWith(id + "-"))
                    .findFirst().orElse(null);
        }
        if (secret == null) {
            throw new AwsError(400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
        }
        return secret;
    }

    private static String secretString(JsonNode request) {
        if (request.hasNonNull("SecretBinary")) {
            throw new AwsError(400, "InvalidParameterException", "SecretBinary is not emulated; use SecretString");
        }
        return text(request, "SecretString");
    }

    private static String text(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new AwsError(400, "InvalidParameterException", field + " is required");
        }
        return value.asText();
    }

    private void store(Secret secret) {
        byName.put(secret.name(), secret);
        if (directory == null) {
            return;
        }
        ObjectNode json = HttpJson.MAPPER.createObjectNode().put("name", secret.name()).put("arn", secret.arn())
                .put("value", secret.value()).put("versionId", secret.versionId()).put("createdMillis", secret.createdMillis());
        try {
            Files.createDirectories(directory);
            Path file = fileOf(secret.name());
            Path temporary = Files.createTempFile(directory, "secret", ".tmp");
            Files.writeString(temporary, json.toString());
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void load() {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (var files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                JsonNode json = HttpJson.MAPPER.readTree(file.toFile());
                byName.put(json.get("name").asText(), new Secret(json.get("name").asText(), json.get("arn").asText(),
                        json.get("value").asText(), json.get("versionId").asText(), json.get("createdMillis").asLong()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
