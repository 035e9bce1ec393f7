package io.callscheduler.localcloud;

import com.fasterxml.jackson.databind.JsonNode;
import io.callscheduler.localcloud.testing.AwsTools;
import io.callscheduler.localcloud.testing.DeployedApp;
import io.callscheduler.localcloud.testing.LocalCloudExtension;
import io.callscheduler.localcloud.testing.RunningCloud;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A campaign on the local cloud, from outside: contacts uploaded as a CSV file through the API (as curl sends it),
 * started through the API, drawn by the template's campaign runner (every second here), dialed by the
 * simulator once each, counts adding up; and a pause answered after which no new dial starts more than 5 s later.
 * Also the README's loop that downloads a campaign's results page by page.
 */
class CampaignEndToEndTest {
    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension(Map.of("MaxCallsPerSecond", "2"));

    private static RunningCloud app() {
        return cloud.app();
    }

    @BeforeAll
    static void simulator() {
        app().configureSimulator("{\"ringAfterMs\":100,\"answerAfterMs\":200,\"talkMs\":500,\"busyShare\":0,"
                + "\"noAnswerShare\":0,\"failedShare\":0}");
    }

    private static String campaign(String name, String rate, int size, int first) throws Exception {
        JsonNode created = DeployedApp.send("POST", app().api.resolve("/campaigns"), "{\"name\": \"" + name
                + "\", \"message\": \"Hello {{contactName}}\", \"maxCallsPerSecond\": " + rate + "}", 201);
        String id = created.path("id").asText();
        StringBuilder csv = new StringBuilder("phoneNumber,contactName\n");
        for (int i = 0; i < size; i++) {
            csv.append("(415) 556-%04d,Guest %d\n".formatted(first + i, i)); // written nationally: defaultRegion=US
        }
        HttpResponse<String> uploaded = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        app().api.resolve("/campaigns/" + id + "/contacts?defaultRegion=US"))
                .header("x-api-key", app().cloud.apiKey()).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        assertThat(DeployedApp.JSON.readTree(uploaded.body()).path("imported").asInt()).isEqualTo(size);
        return id;
    }

    private static JsonNode campaign(String id) {
        return DeployedApp.send("GET", app().api.resolve("/campaigns/" + id), null, 200);
    }

    private static List<JsonNode> calls(String id) {
        List<JsonNode> calls = new ArrayList<>();
        DeployedApp.send("GET", app().api.resolve("/calls?limit=200&campaignId=" + id), null, 200).path("items")
                .forEach(calls::add);
        return calls;
    }

    private static long sum(JsonNode counts) {
        long sum = 0;
        for (JsonNode count : counts) {
            sum += count.asLong();
        }
        return sum;
    }

    /** The README's loop, as written (its API, key and campaign put in, 2 rows a page), downloads every page into one file. */
    @Test
    void theReadmesLoopDownloadsEveryPageOfTheResultsIntoOneFile(@TempDir Path dir) throws Exception {
        String id = campaign("Export", "1", 5, 200);
        String readme = Files.readString(AwsTools.ROOT.resolve("README.md"));
        String block = readme.substring(readme.indexOf("## Campaign results"));
        block = block.substring(block.indexOf("```bash\n") + 8, block.indexOf("\n```", block.indexOf("```bash\n")));
        String script = block.replace("http://localhost:3000", app().api.toString().replaceAll("/$", ""))
                .replace("$(cat .local-cloud/api-key)", app().cloud.apiKey()).replace("<campaign id>", id)
                .replace("limit=5000", "limit=2");

        AwsTools.run(dir, null, Map.of(), 0, List.of("bash", "-euo", "pipefail", "-c", script));

        List<String> lines = Files.readAllLines(dir.resolve("results.csv"));
        assertThat(lines).hasSize(6);
        assertThat(lines.get(0)).startsWith("\"resultsVersion\",\"phoneNumber\",\"contactName\"");
        assertThat(lines.subList(1, 6)).extracting(line -> line.split(",")[1]).containsExactly("\"'+14155560200\"",
                "\"'+14155560201\"", "\"'+14155560202\"", "\"'+14155560203\"", "\"'+14155560204\"");
        assertThat(lines.subList(1, 6)).allSatisfy(line -> assertThat(line).contains("\"PENDING\""));
    }

    @Test
    void everyContactIsDialedOnceAndTheCountsAddUp() throws Exception {
        String id = campaign("Reminders", "2", 5, 0);
        DeployedApp.send("POST", app().api.resolve("/campaigns/" + id + "/start"), null, 200);

        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(300))
                .until(() -> campaign(id).path("progress").path("counts").path("completed").asLong() == 5);

        JsonNode progress = campaign(id).path("progress");
        assertThat(sum(progress.path("counts"))).isEqualTo(5);
        assertThat(progress.path("percentDone").asDouble()).isEqualTo(100.0);
        List<JsonNode> made = calls(id);
        assertThat(made).hasSize(5).allSatisfy(call -> {
            assertThat(call.path("status").asText()).isEqualTo("COMPLETED");
            assertThat(app().placed(call.path("id").asText())).as("dials of " + call.path("phoneNumber")).isEqualTo(1);
        });
        assertThat(made.stream().map(call -> call.path("message").asText())).contains("Hello Guest 0", "Hello Guest 4");
        // With nothing pending and every call over, the runner completes it.
        await().atMost(Duration.ofSeconds(30)).until(() -> campaign(id).path("state").asText().equals("COMPLETED"));
    }

    @Test
    void noNewDialStartsMoreThanFiveSecondsAfterThePauseIsAnswered() throws Exception {
        String id = campaign("Survey", "1", 30, 100);
        DeployedApp.send("POST", app().api.resolve("/campaigns/" + id + "/start"), null, 200);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> campaign(id).path("progress").path("counts").path("completed").asLong() >= 2);

        DeployedApp.send("POST", app().api.resolve("/campaigns/" + id + "/pause"), null, 200);
        Instant answered = Instant.now();
        // For 7 s after the answer, every call dialed was dialed within 5 s of it (a loaded machine may take longer
        // than the poll interval to look: the limit on the whole wait is wide, the 7 s it must hold are not).
        await().during(Duration.ofSeconds(7)).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> calls(id).stream().map(call -> app().dials(call.path("id").asText()).path("firstPlacedAt"))
                        .filter(first -> !first.isNull()).map(first -> Instant.parse(first.asText()))
                        .noneMatch(first -> first.isAfter(answered.plusSeconds(5))));
        JsonNode paused = campaign(id);
        assertThat(paused.path("state").asText()).isEqualTo("PAUSED");
        assertThat(paused.path("progress").path("counts").path("pending").asLong()).as("held and not drawn").isPositive();
        assertThat(sum(paused.path("progress").path("counts"))).isEqualTo(30);

        JsonNode stopped = DeployedApp.send("POST", app().api.resolve("/campaigns/" + id + "/stop"), null, 200);
        assertThat(stopped.path("state").asText()).isEqualTo("STOPPED");
        await().atMost(Duration.ofSeconds(30)).until(() -> campaign(id).path("progress").path("counts").path("pending").asLong() == 0);
        JsonNode counts = campaign(id).path("progress").path("counts");
        assertThat(sum(counts)).isEqualTo(30);
        assertThat(counts.path("canceled").asLong()).isPositive();
    }
}
