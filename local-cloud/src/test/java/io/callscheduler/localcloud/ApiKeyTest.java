package io.callscheduler.localcloud;

import com.fasterxml.jackson.databind.JsonNode;
import io.callscheduler.localcloud.testing.RunningCloud;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local API requires the key as the deployed one does (ApiKeyRequired defaults to true): made on the
 * first start, kept in the data directory, printed with the URLs; without it, 403 and nothing written.
 */
// One after the other: each test starts its own local cloud on free ports, and two choosing at once can pick the same.
@org.junit.jupiter.api.parallel.Execution(org.junit.jupiter.api.parallel.ExecutionMode.SAME_THREAD)
class ApiKeyTest {
    private static final String CALL = "{\"phoneNumber\":\"+14155550199\",\"contactName\":\"Keyless\"}";

    @TempDir
    Path data;

    @Test
    void theApiRequiresTheKeyItPrintsAndKeepsAcrossRestarts() throws Exception {
        String key;
        try (RunningCloud cloud = RunningCloud.start(data, null)) {
            key = cloud.cloud.apiKey();
            assertThat(key).matches("[A-Za-z0-9]{40}");
            assertThat(Files.readString(data.resolve("api-key")).strip()).isEqualTo(key);
            assertThat(Files.getPosixFilePermissions(data.resolve("api-key")))
                    .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
            assertThat(cloud.cloud.banner()).containsPattern("\\n  API key +" + key + " ");

            HttpResponse<String> without = RunningCloud.exchange("POST", cloud.api.resolve("/calls"), CALL, Map.of());
            HttpResponse<String> wrong = RunningCloud.exchange("POST", cloud.api.resolve("/calls"), CALL,
                    Map.of("x-api-key", key.substring(1) + "x"));
            HttpResponse<String> list = RunningCloud.exchange("GET", cloud.api.resolve("/calls"), null, Map.of());
            assertThat(without.statusCode()).isEqualTo(403);
            assertThat(without.body()).isEqualTo("{\"message\":\"Forbidden\"}");
            assertThat(wrong.statusCode()).isEqualTo(403);
            assertThat(list.statusCode()).isEqualTo(403);
            JsonNode calls = RunningCloud.send("GET", cloud.api.resolve("/calls"), null, 200);
            assertThat(calls.path("items")).as("nothing was written without the key").isEmpty();
            assertThat(RunningCloud.send("GET", cloud.callApi.resolve("/_sim/dials"), null, 200).path("calls"))
                    .as("nothing was dialed").isEmpty();

            HttpResponse<String> keyed = RunningCloud.exchange("POST", cloud.api.resolve("/calls"), CALL, Map.of("x-api-key", key));
            assertThat(keyed.statusCode()).isEqualTo(201);

            // The API's description is public, as template.yaml deploys it (ApiKeyRequired: false).
            HttpResponse<String> description = RunningCloud.exchange("GET", cloud.api.resolve("/openapi.json"), null, Map.of());
            assertThat(description.statusCode()).isEqualTo(200);
            JsonNode document = new com.fasterxml.jackson.databind.ObjectMapper().readTree(description.body());
            assertThat(document.path("openapi").asText()).startsWith("3.1");
            assertThat(document.path("paths").has("/calls")).isTrue();
        }

        try (RunningCloud again = RunningCloud.start(data, null)) {
            assertThat(again.cloud.apiKey()).as("the same key after a restart").isEqualTo(key);
        }
    }

    @Test
    void apiKeyRequiredFalseTurnsItOff() {
        try (RunningCloud cloud = RunningCloud.start(data, null, Map.of("ApiKeyRequired", "false"))) {
            assertThat(cloud.cloud.apiKey()).isNull();
            assertThat(cloud.cloud.banner()).doesNotContain("API key");
            assertThat(data.resolve("api-key")).doesNotExist();

            HttpResponse<String> without = RunningCloud.exchange("POST", cloud.api.resolve("/calls"), CALL, Map.of());
            assertThat(without.statusCode()).isEqualTo(201);
        }
    }
}
