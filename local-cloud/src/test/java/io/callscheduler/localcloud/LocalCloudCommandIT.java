package io.callscheduler.localcloud;

import io.callscheduler.emulators.DynamoDbLocalServer;
import io.callscheduler.localcloud.testing.RunningCloud;
import io.callscheduler.testing.LocalAws;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The README's first command, {@code ./local-cloud.sh}, run as a user runs it (after {@code mvn package},
 * so it finds its jar): it prints progress and the URLs, serves, stops cleanly on SIGTERM and Ctrl-C
 * (SIGINT) keeping its data, and turns a port in use or a bad option into one clear line.
 */
class LocalCloudCommandIT {
    private static final Path SCRIPT = LocalAws.templatePath().resolveSibling("local-cloud.sh");
    @TempDir
    Path data;
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void startsServesAndStopsCleanlyKeepingItsData() throws Exception {
        int apiPort = DynamoDbLocalServer.freePort();
        List<String> ports = List.of("--api-port", Integer.toString(apiPort),
                "--aws-port", Integer.toString(DynamoDbLocalServer.freePort()),
                "--web-port", Integer.toString(DynamoDbLocalServer.freePort()),
                "--call-api-port", Integer.toString(DynamoDbLocalServer.freePort()),
                "--data-dir", data.toString());
        Running first = run(ports);
        first.awaitReady();

        assertThat(first.text()).doesNotContain("Building").contains("Reading template.yaml", "Starting DynamoDB Local",
                "API           http://localhost:" + apiPort + "/calls", "Web page", "AWS endpoint", "Call API");
        Matcher ready = Pattern.compile("ready in ([0-9.]+) s").matcher(first.text());
        assertThat(ready.find()).isTrue();
        assertThat(Double.parseDouble(ready.group(1))).as("seconds to ready").isLessThan(15);
        URI api = URI.create("http://localhost:" + apiPort);
        Matcher key = Pattern.compile("\\n  API key +(\\S+) ").matcher(first.text());
        assertThat(key.find()).as("the key is printed with the URLs").isTrue();
        Map<String, String> withKey = Map.of("x-api-key", key.group(1));
        String id = RunningCloud.JSON.readTree(RunningCloud.exchange("POST", api.resolve("/calls"),
                "{\"phoneNumber\":\"+14155550401\",\"scheduledAt\":\"" + Instant.now().plus(Duration.ofDays(30)) + "\"}", withKey)
                .body()).path("id").asText();
        // Logs for a person by default: one line per event, the call id first.
        String now = RunningCloud.JSON.readTree(RunningCloud.exchange("POST", api.resolve("/calls"), "{\"phoneNumber\":\"+14155550402\"}", withKey)
                .body()).path("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> first.lines().stream()
                .anyMatch(line -> line.matches("\\d\\d:\\d\\d:\\d\\d call " + now + " INFO +DispatchHandler: dispatch \\(call-now\\): DIALED")));

        signal("TERM", first.process); // Process.destroy() would also close our end of its output
        assertThat(first.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(first.text()).contains("Local cloud stopped"));
        assertThat(first.process.exitValue()).isIn(0, 143);

        List<String> json = new ArrayList<>(ports);
        json.addAll(List.of("--log-format", "json"));
        Running second = run(json);
        second.awaitReady();
        assertThat(second.text()).as("the same key after a restart").contains("API key       " + key.group(1));
        assertThat(RunningCloud.exchange("GET", api.resolve("/calls/" + id), null, withKey).body()).contains("\"status\":\"SCHEDULED\"");
        // --log-format json: Powertools' lines, as on AWS, with the call's fields.
        String again = RunningCloud.JSON.readTree(RunningCloud.exchange("POST", api.resolve("/calls"), "{\"phoneNumber\":\"+14155550403\"}", withKey)
                .body()).path("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> second.lines().stream().anyMatch(line -> line.startsWith("{")
                && line.contains("\"message\":\"dispatch (call-now): DIALED\"") && line.contains("\"call_id\":\"" + again + "\"")
                && line.contains("\"function_name\":\"call-scheduler-dispatch\"")));
        signal("INT", second.process); // Ctrl-C
        assertThat(second.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(second.text()).contains("Local cloud stopped"));
        assertThat(second.text()).doesNotContain("Exception");
    }

    /**
     * Recurring calls survive a {@code kill -9} of the whole local cloud mid-series: killed the moment the first
     * occurrence's call completes (before or after the roller took it in), the restarted cloud's stream roller or
     * status-sync sweep creates the next occurrence, exactly once.
     */
    @Test
    void aSeriesKilledMidRollRollsOnceAfterTheRestart() throws Exception {
        int apiPort = DynamoDbLocalServer.freePort();
        List<String> options = List.of("--api-port", Integer.toString(apiPort),
                "--aws-port", Integer.toString(DynamoDbLocalServer.freePort()),
                "--web-port", Integer.toString(DynamoDbLocalServer.freePort()),
                "--call-api-port", Integer.toString(DynamoDbLocalServer.freePort()),
                "--data-dir", data.toString(), "--status-sync-every", "2s");
        Running first = run(options);
        first.awaitReady();
        URI api = URI.create("http://localhost:" + apiPort);
        Matcher key = Pattern.compile("\\n  API key +(\\S+) ").matcher(first.text());
        assertThat(key.find()).isTrue();
        Map<String, String> withKey = Map.of("x-api-key", key.group(1));
        java.time.LocalDateTime start = java.time.LocalDateTime.ofInstant(Instant.now().truncatedTo(
                java.time.temporal.ChronoUnit.SECONDS), java.time.ZoneOffset.UTC);
        var series = RunningCloud.JSON.readTree(RunningCloud.exchange("POST", api.resolve("/series"),
                "{\"phoneNumber\":\"+14155550404\",\"timeZone\":\"UTC\",\"rrule\":\"FREQ=DAILY\",\"startAt\":\"" + start
                        + "\"}", withKey).body());
        String id = series.path("id").asText();
        String firstCall = series.path("currentCallId").asText();
        await().atMost(Duration.ofSeconds(40)).until(() -> RunningCloud.exchange("GET", api.resolve("/calls/" + firstCall),
                null, withKey).body().contains("\"status\":\"COMPLETED\""));

        for (ProcessHandle child : first.process.descendants().toList()) {
            assertThat(new ProcessBuilder("kill", "-9", Long.toString(child.pid())).start().waitFor()).isZero();
        }
        signal("KILL", first.process);
        assertThat(first.process.waitFor(30, TimeUnit.SECONDS)).isTrue();

        Running second = run(options);
        second.awaitReady();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var calls = RunningCloud.JSON.readTree(RunningCloud.exchange("GET", api.resolve("/series/" + id + "/calls"),
                    null, withKey).body()).path("items");
            assertThat(calls).extracting(call -> call.path("occurrence").asText() + " " + call.path("status").asText())
                    .containsExactly(start.plusDays(1) + " SCHEDULED", start + " COMPLETED");
        });
        signal("TERM", second.process);
        assertThat(second.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aPortInUseIsOneClearLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Running run = run(List.of("--api-port", Integer.toString(taken.getLocalPort()), "--data-dir", data.toString()));

            assertThat(run.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(run.process.exitValue()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(5)).until(() -> run.text().contains("error:"));
            assertThat(run.text()).contains("error: port " + taken.getLocalPort(), "already in use (--api-port)")
                    .doesNotContain("Exception", "\tat ");
        }
    }

    @Test
    void badOptionsAreExplainedWithTheUsage() throws Exception {
        Running run = run(List.of("--api-port", "seventy"));

        assertThat(run.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(run.process.exitValue()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(5)).until(() -> run.text().contains("--data-dir DIR"));
        assertThat(run.text()).contains("error: --api-port must be a port number from 1 to 65535, not 'seventy'");
    }

    private static void signal(String name, Process process) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start().waitFor()).isZero();
    }

    private record Running(Process process, List<String> lines) {
        String text() {
            return String.join("\n", lines);
        }

        void awaitReady() {
            await().atMost(Duration.ofSeconds(60)).until(() -> text().contains("Press Ctrl-C to stop.") || !process.isAlive());
            assertThat(process.isAlive()).as(text()).isTrue();
        }
    }

    private Running run(List<String> options) throws IOException {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(options);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("CALL_API_URL");
        Process process = builder.start();
        started.add(process);
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        return new Running(process, lines);
    }
}
