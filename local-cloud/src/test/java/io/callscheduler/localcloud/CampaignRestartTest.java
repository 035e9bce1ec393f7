package io.callscheduler.localcloud;

import com.fasterxml.jackson.databind.JsonNode;
import io.callscheduler.localcloud.testing.DeployedApp;
import io.callscheduler.localcloud.testing.RunningCloud;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A campaign whose local cloud stops abruptly midway (the harness's closest to a kill -9: every server and function cut
 * off newest first, work in flight dropped) with dials mid-request, and starts again on the same data: some contacts
 * dialed, some placed by the provider with the answer never heard (DIALING, no provider id), the rest drawn into calls
 * that wait for their slots. It runs on to COMPLETED within seconds, the cut-off dials reclaimed at once by the first
 * status sync after the restart (no dispatch of the stopped process can still be alive), every contact dialed exactly
 * once across both runs (the provider's own journal, by number dialed, so a contact drawn again after the restart would
 * show as a second call whatever its id), none lost, and the counts add up. A real kill -9 is the benchmark's
 * ({@code ./benchmark.sh --only campaigns}).
 */
class CampaignRestartTest {
    private static final int CONTACTS = 20;
    /**
     * What the stop cuts off is recovered by the deployment's own timers, shortened here from their minutes: a dispatch
     * cut mid-request is retried after DialRetryBackoffSeconds, a call whose callbacks were lost is polled from the
     * provider after ReconcileAfterSeconds.
     */
    /** Calls over within half a second, so that the cut finds few on the phone. */
    private static final String SHORT_CALLS = "{\"ringAfterMs\":50,\"answerAfterMs\":100,\"talkMs\":300,\"lateAnswerRate\":0}";
    /**
     * Every dial placed, its answer held past the cut and its callbacks lost: the calls stay DIALING with no provider
     * id, as a kill -9 leaves a dial whose request was in flight.
     */
    private static final String ANSWERS_HELD = "{\"lateAnswerRate\":1,\"lateAnswerMs\":20000,\"callbackLossRate\":1}";
    private static final Map<String, String> QUICK_RECOVERY = Map.of("DialRetryBackoffSeconds", "2", "ReconcileAfterSeconds", "2");

    @TempDir
    Path data;

    @Test
    void aCampaignCutOffMidwayFinishesAfterARestartWithEachContactDialedOnce() throws Exception {
        String id;
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < CONTACTS; i++) {
            numbers.add("+1415557%04d".formatted(i));
        }
        try (RunningCloud first = RunningCloud.start(data, null, QUICK_RECOVERY)) {
            first.configureSimulator(SHORT_CALLS);
            id = DeployedApp.send("POST", first.api.resolve("/campaigns"),
                    "{\"name\": \"Restart\", \"message\": \"Hello {{contactName}}\", \"maxCallsPerSecond\": 2}", 201).path("id").asText();
            upload(first, id, numbers);
            DeployedApp.send("POST", first.api.resolve("/campaigns/" + id + "/start"), null, 200);
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> placedTotal(first) >= CONTACTS / 4);
            // Cut off with dials mid-request: placed by the provider, the answer not yet back.
            first.configureSimulator(ANSWERS_HELD);
            long placedWhenHeld = placedTotal(first);
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> placedTotal(first) >= placedWhenHeld + 2);
        }
        long placedBefore = placedByNumber().values().stream().mapToLong(Long::longValue).sum();
        assertThat(placedBefore).as("cut off midway, not after the last dial").isLessThan(CONTACTS);

        try (RunningCloud second = RunningCloud.start(data, null, QUICK_RECOVERY)) {
            second.configureSimulator(SHORT_CALLS);
            // The dials the stop cut off mid-request are taken up by the first status sync: found placed (or dialed)
            // within seconds. Before the reclaim at once, they waited five minutes (SyncSettings.staleDialAfter).
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                    assertThat(cutOffDials(second, id)).as("calls reclaimed as cut off by the last stop")
                            .hasSizeGreaterThanOrEqualTo(2).allSatisfy(call -> assertThat(call.path("externalCallId").isNull())
                                    .as("provider id of %s", call.path("id")).isFalse()));
            // A draw the stop interrupted can leave the campaign's next slots reserved for contacts never drawn: the
            // rest of it may wait that long (the benchmark's kill row measures it).
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                    .untilAsserted(() -> {
                        JsonNode campaign = campaign(second, id);
                        assertThat(campaign.path("state").asText()).as("%s", campaign).isEqualTo("COMPLETED");
                    });

            assertThat(placedByNumber()).as("calls placed per contact, both runs").containsOnlyKeys(numbers)
                    .allSatisfy((number, placed) -> assertThat(placed).as("calls to " + number).isEqualTo(1));
            JsonNode progress = campaign(second, id).path("progress");
            long sum = 0;
            for (JsonNode count : progress.path("counts")) {
                sum += count.asLong();
            }
            assertThat(sum).as("counts " + progress.path("counts")).isEqualTo(CONTACTS);
            assertThat(progress.path("counts").path("completed").asLong()).isEqualTo(CONTACTS);
            JsonNode calls = DeployedApp.send("GET", second.api.resolve("/calls?limit=100&campaignId=" + id), null, 200).path("items");
            assertThat(calls).hasSize(CONTACTS).allSatisfy(call ->
                    assertThat(second.placed(call.path("id").asText())).as("dials of call " + call.path("id")).isEqualTo(1));
        }
    }

    private static void upload(RunningCloud cloud, String id, List<String> numbers) throws Exception {
        String csv = "phoneNumber,contactName\n" + numbers.stream().map(n -> n + ",Guest " + n.substring(8))
                .collect(Collectors.joining("\n")) + "\n";
        HttpResponse<String> uploaded = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        cloud.api.resolve("/campaigns/" + id + "/contacts"))
                .header("x-api-key", cloud.cloud.apiKey()).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
    }

    /** The campaign's calls (with their history) whose dial the last stop cut off mid-request. */
    private static List<JsonNode> cutOffDials(RunningCloud cloud, String id) {
        List<JsonNode> cutOff = new ArrayList<>();
        for (JsonNode item : DeployedApp.send("GET", cloud.api.resolve("/calls?limit=100&campaignId=" + id), null, 200).path("items")) {
            JsonNode call = cloud.get(item.path("id").asText());
            if (call.path("history").toString().contains("a dial was cut off by the last stop")) {
                cutOff.add(call);
            }
        }
        return cutOff;
    }

    private static JsonNode campaign(RunningCloud cloud, String id) {
        return DeployedApp.send("GET", cloud.api.resolve("/campaigns/" + id), null, 200);
    }

    private static long placedTotal(RunningCloud cloud) {
        return DeployedApp.send("GET", cloud.callApi.resolve("/_sim/dials"), null, 200).path("placedCalls").asLong();
    }

    /** The simulator's journal of placed calls (written before each is answered), counted by the number dialed. */
    private Map<String, Long> placedByNumber() {
        try {
            return Files.readAllLines(data.resolve("simulator").resolve("calls.jsonl")).stream()
                    .filter(line -> !line.isBlank()).map(CampaignRestartTest::to)
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String to(String journalLine) {
        try {
            return DeployedApp.JSON.readTree(journalLine).path("to").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
