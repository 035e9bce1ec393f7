package io.callscheduler.localcloud.data;

import com.fasterxml.jackson.databind.JsonNode;
import io.callscheduler.emulators.DynamoDbLocalServer;
import io.callscheduler.localcloud.LocalCloud;
import io.callscheduler.localcloud.LocalCloudOptions;
import io.callscheduler.localcloud.testing.DeployedApp;
import io.callscheduler.localcloud.testing.RunningCloud;
import io.callscheduler.simulator.CallApiSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The data folder is private and holds the local cloud's own secrets: the generic callback secret and the
 * simulator's Twilio Auth Token are made per folder, kept across restarts, and never printed; the folder is
 * 0700 (an existing wider one narrowed), its files 0600 and its subfolders 0700.
 */
class PrivateDataFolderTest {
    @TempDir
    Path temp;

    @Test
    void eachDataFolderGetsItsOwnSecretsUnprintedInAPrivateFolder() throws IOException {
        Path first = temp.resolve("first");
        Files.createDirectory(first, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path second = temp.resolve("second");

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        List<String> secrets = new ArrayList<>();
        for (Path data : List.of(first, second)) {
            try (LocalCloud cloud = start(data, new PrintStream(printed, true, StandardCharsets.UTF_8))) {
                CallApiSimulator simulator = cloud.simulator();
                assertThat(simulator.callbackSecret()).matches("[0-9a-f]{64}");
                assertThat(simulator.twilio().credentials().authToken()).matches("[0-9a-f]{32}");
                JsonNode kept = DeployedApp.JSON.readTree(data.resolve(LocalSecrets.FILE_NAME).toFile());
                assertThat(kept.path("callApiCallbackSecret").asText()).isEqualTo(simulator.callbackSecret());
                assertThat(kept.path("simulatorTwilioAuthToken").asText()).isEqualTo(simulator.twilio().credentials().authToken());
                secrets.add(simulator.callbackSecret());
                secrets.add(simulator.twilio().credentials().authToken());
                printed.writeBytes(cloud.banner().getBytes(StandardCharsets.UTF_8));
                assertPrivate(data);
            }
        }

        assertThat(secrets).as("no two folders share a secret").doesNotHaveDuplicates();
        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(output).contains("Made " + first + " private to you (was rwxr-xr-x, now rwx------)");
        assertThat(secrets).allSatisfy(secret -> assertThat(output).as("the secrets are never printed").doesNotContain(secret));
    }

    @Test
    void aRestartKeepsTheSecretsSoCallbacksSignedBeforeItStillVerify() {
        Path data = temp.resolve("data");
        String secret;
        String token;
        String dueAfterRestart;
        try (RunningCloud first = RunningCloud.start(data, null)) {
            secret = first.cloud.simulator().callbackSecret();
            token = first.cloud.simulator().twilio().credentials().authToken();
            dueAfterRestart = first.create("+14155550871", Instant.now().plusSeconds(12)).path("id").asText();
        }

        try (RunningCloud again = RunningCloud.start(data, null)) {
            assertThat(again.cloud.simulator().callbackSecret()).isEqualTo(secret);
            assertThat(again.cloud.simulator().twilio().credentials().authToken()).isEqualTo(token);

            // A provider that signed before the restart (a callback in flight, a retry) is still believed...
            String callback = "{\"id\":\"sim-unknown\",\"status\":\"completed\",\"sequence\":9,\"metadata\":{\"callId\":\"not-a-call\"}}";
            assertThat(postCallback(again, callback, secret).statusCode()).isEqualTo(200);
            // ...and the same callback signed with anything else is not.
            assertThat(postCallback(again, callback, CallApiSimulator.Secrets.randomCallbackSecret()).statusCode()).isEqualTo(403);

            // A call scheduled before the restart dials after it and ends through verified callbacks.
            await().atMost(Duration.ofSeconds(40)).until(() -> again.status(dueAfterRestart).equals("COMPLETED"));
            List<String> updates = new ArrayList<>();
            again.get(dueAfterRestart).path("history").forEach(entry -> updates.add(entry.path("detail").asText()));
            assertThat(updates).anySatisfy(update -> assertThat(update).matches("provider: completed \\(callback #\\d+\\)"));
        }
    }

    private static HttpResponse<String> postCallback(RunningCloud cloud, String body, String secret) {
        return DeployedApp.exchange("POST", cloud.api.resolve("/webhooks/generic/status"), body,
                Map.of("Content-Type", "application/json",
                        "X-Call-Signature", CallApiSimulator.signature(secret, body.getBytes(StandardCharsets.UTF_8))));
    }

    /** The folder and its subfolders 0700, the files at its top (API key, secrets, lock) 0600. */
    private static void assertPrivate(Path data) throws IOException {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
        assertThat(data.resolve("api-key")).exists();
        try (Stream<Path> entries = Files.list(data)) {
            entries.forEach(entry -> {
                try {
                    String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(entry));
                    assertThat(mode).as(entry.toString()).isEqualTo(Files.isDirectory(entry) ? "rwx------" : "rw-------");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        assertThat(data.resolve("dynamodb")).as("DynamoDB Local's -dbPath, behind the private folder").isDirectory();
    }

    private static LocalCloud start(Path data, PrintStream progress) throws IOException {
        LocalCloudOptions options = LocalCloudOptions.defaults(Map.of())
                .withPorts(DynamoDbLocalServer.freePort(), DynamoDbLocalServer.freePort(),
                        DynamoDbLocalServer.freePort(), DynamoDbLocalServer.freePort())
                .withDataDir(data);
        return LocalCloud.start(options, progress);
    }
}
