package io.callscheduler.localcloud;

import com.fasterxml.jackson.databind.JsonNode;
import io.callscheduler.localcloud.testing.RunningCloud;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook-endpoint routes as the local cloud serves them from template.yaml: a receiver on this machine is
 * accepted (the local cloud sets AllowLoopbackWebhooks), the metadata service is not, and the signing secret, kept by
 * the emulated Secrets Manager in the data directory, is there after a restart for the rotation to read.
 */
// One after the other: each test starts its own local cloud on free ports, and two choosing at once can pick the same.
@org.junit.jupiter.api.parallel.Execution(org.junit.jupiter.api.parallel.ExecutionMode.SAME_THREAD)
class WebhookEndpointsEndToEndTest {
    @TempDir
    Path data;

    @Test
    void aLocalReceiverIsRegisteredAndItsSecretOutlivesARestart() throws Exception {
        String id;
        String secret;
        try (RunningCloud cloud = RunningCloud.start(data, null)) {
            JsonNode created = RunningCloud.send("POST", cloud.api.resolve("/webhook-endpoints"),
                    "{\"url\": \"http://localhost:9/hooks\", \"events\": [\"call.completed\"]}", 201);
            id = created.get("id").asText();
            secret = created.get("secret").asText();
            assertThat(secret).startsWith("whsec_");

            JsonNode refused = RunningCloud.send("POST", cloud.api.resolve("/webhook-endpoints"),
                    "{\"url\": \"http://169.254.169.254/latest/meta-data/\"}", 400).get("error");
            assertThat(refused.get("code").asText()).isEqualTo("FORBIDDEN_ADDRESS");
            assertThat(RunningCloud.send("PATCH", cloud.api.resolve("/webhook-endpoints/" + id), "{\"disabled\": true}", 200)
                    .get("disabled").asBoolean()).isTrue();
        }
        try (var files = Files.walk(data)) {
            assertThat(files.filter(Files::isRegularFile).map(file -> {
                try {
                    return Files.readString(file);
                } catch (java.io.IOException e) {
                    return "";
                }
            }).filter(text -> text.contains(secret))).as("the secret is kept by the emulated Secrets Manager").isNotEmpty();
        }

        try (RunningCloud again = RunningCloud.start(data, null)) {
            JsonNode read = RunningCloud.send("GET", again.api.resolve("/webhook-endpoints/" + id), null, 200);
            assertThat(read.get("disabled").asBoolean()).isTrue();
            assertThat(read.has("secret")).isFalse();
            JsonNode rotated = RunningCloud.send("POST", again.api.resolve("/webhook-endpoints/" + id + "/rotate-secret"), null, 200);
            assertThat(rotated.get("secret").asText()).startsWith("whsec_").isNotEqualTo(secret);
            RunningCloud.send("DELETE", again.api.resolve("/webhook-endpoints/" + id), null, 200);
            RunningCloud.send("GET", again.api.resolve("/webhook-endpoints/" + id), null, 404);
        }
    }
}
