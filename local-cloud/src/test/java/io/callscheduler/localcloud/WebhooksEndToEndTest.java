package io.callscheduler.localcloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.standardwebhooks.Webhook;
import io.callscheduler.localcloud.testing.RunningCloud;
import io.callscheduler.testing.OpenApiAnswerCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Webhooks out as one chain on the local cloud, driven as a user would: an endpoint registered through the API at the
 * simulator's receiver; a call created through the API, whose change goes CallsTable's stream → fan-out function →
 * WebhookDeliveryQueue → delivery function → a signed POST to the receiver; a failed attempt retried after the first
 * step of the schedule (5 s) with the same webhook-id, both attempts in the delivery log; a cancel sent once.
 */
// One after the other: each test starts its own local cloud on free ports, and two choosing at once can pick the same.
@org.junit.jupiter.api.parallel.Execution(org.junit.jupiter.api.parallel.ExecutionMode.SAME_THREAD)
class WebhooksEndToEndTest {
    private static final OpenApiAnswerCheck DESCRIBED = new OpenApiAnswerCheck();

    @TempDir
    Path data;

    @Test
    void aCallsChangesReachTheReceiverSignedRetriedWithTheSameIdAndLogged() throws Exception {
        try (RunningCloud cloud = RunningCloud.start(data, null)) {
            URI receiver = cloud.callApi.resolve("/webhooks/crm");
            JsonNode endpoint = RunningCloud.send("POST", cloud.api.resolve("/webhook-endpoints"),
                    "{\"url\": \"" + receiver + "\", \"events\": [\"call.scheduled\", \"call.canceled\"]}", 201);
            Webhook verifier = new Webhook(endpoint.get("secret").asText());

            // The first attempt of the first message is answered 500, the next ones 200.
            RunningCloud.send("PUT", cloud.callApi.resolve("/_sim/receiver/config"), "{\"status\": 500, \"forNextRequests\": 1}", 200);
            Instant scheduledAt = Instant.now().plus(Duration.ofDays(1));
            String callId = cloud.create("+14155550123", scheduledAt).get("id").asText();

            List<JsonNode> attempts = eventually(Duration.ofSeconds(15), () -> received(cloud, null), list -> list.size() >= 2);
            JsonNode failed = attempts.get(0);
            JsonNode retried = attempts.get(1);
            assertThat(failed.get("answeredWith").asInt()).isEqualTo(500);
            assertThat(retried.get("answeredWith").asInt()).isEqualTo(200);
            assertThat(retried.get("webhookId").asText()).as("a retry is the same message").isEqualTo(failed.get("webhookId").asText());
            Duration gap = Duration.between(Instant.parse(failed.get("receivedAt").asText()), Instant.parse(retried.get("receivedAt").asText()));
            assertThat(gap).as("the first retry step, 5 s with jitter").isBetween(Duration.ofSeconds(4), Duration.ofSeconds(7));

            for (JsonNode attempt : attempts) {
                String body = attempt.get("body").asText();
                verifier.verify(body, headers(attempt)); // throws on a bad or missing signature
                JsonNode payload = RunningCloud.JSON.readTree(body);
                assertThat(payload.get("type").asText()).isEqualTo("call.scheduled");
                assertThat(payload.at("/data/id").asText()).isEqualTo(callId);
                assertThat(DESCRIBED.eventProblems("call.scheduled", payload)).as("the payload as openapi.yaml's webhooks describe it").isEmpty();
                assertThat(attempt.get("path").asText()).isEqualTo("/webhooks/crm");
            }

            String endpointId = endpoint.get("id").asText();
            JsonNode logged = eventually(Duration.ofSeconds(5),
                    () -> RunningCloud.send("GET", cloud.api.resolve("/webhook-endpoints/" + endpointId + "/deliveries"), null, 200),
                    page -> page.get("items").size() == 1 && page.at("/items/0/attempts").size() == 2);
            JsonNode delivery = logged.at("/items/0");
            assertThat(delivery.get("id").asText()).isEqualTo(failed.get("webhookId").asText());
            assertThat(delivery.get("state").asText()).isEqualTo("delivered");
            List<Integer> statuses = new ArrayList<>();
            delivery.get("attempts").forEach(each -> statuses.add(each.get("status").asInt()));
            assertThat(statuses).containsExactlyInAnyOrder(500, 200);

            RunningCloud.send("DELETE", cloud.api.resolve("/calls/" + callId), null, 200);
            JsonNode canceled = eventually(Duration.ofSeconds(5), () -> received(cloud, "call.canceled"), list -> !list.isEmpty()).get(0);
            verifier.verify(canceled.get("body").asText(), headers(canceled));
            JsonNode payload = RunningCloud.JSON.readTree(canceled.get("body").asText());
            assertThat(payload.at("/data/status").asText()).isEqualTo("CANCELED");
            assertThat(DESCRIBED.eventProblems("call.canceled", payload)).isEmpty();
            // A second cancel, then a change behind it on the same stream: once that change has arrived, any event
            // the second cancel made would have too.
            RunningCloud.send("DELETE", cloud.api.resolve("/calls/" + callId), null, 200);
            String behind = cloud.create("+14155550124", scheduledAt).get("id").asText();
            eventually(Duration.ofSeconds(5), () -> received(cloud, "call.scheduled"),
                    list -> list.stream().anyMatch(each -> each.get("body").asText().contains(behind)));
            assertThat(received(cloud, "call.canceled")).as("call.canceled arrives once").hasSize(1);
            assertThat(received(cloud, null)).as("the scheduled call's two attempts, its cancel, the second call: nothing else")
                    .hasSize(4).extracting(each -> each.get("webhookId").asText())
                    .containsOnly(failed.get("webhookId").asText(), canceled.get("webhookId").asText(),
                            received(cloud, "call.scheduled").get(2).get("webhookId").asText());
        }
    }

    /**
     * The first value {@code read} gives that {@code done} accepts, polled every 100 ms. (Awaitility's own
     * until(supplier, predicate) describes each miss with a Hamcrest method that the older Hamcrest on this module's
     * test classpath lacks.)
     */
    private static <T> T eventually(Duration within, Callable<T> read, Predicate<T> done) {
        AtomicReference<T> last = new AtomicReference<>();
        await().atMost(within).pollInterval(Duration.ofMillis(100)).until(() -> {
            last.set(read.call());
            return done.test(last.get());
        });
        return last.get();
    }

    /** What the receiver got, oldest first; only events of {@code type} when not null. */
    private static List<JsonNode> received(RunningCloud cloud, String type) throws Exception {
        List<JsonNode> items = new ArrayList<>();
        for (JsonNode each : RunningCloud.send("GET", cloud.callApi.resolve("/_sim/receiver/received"), null, 200).get("items")) {
            if (type == null || type.equals(RunningCloud.JSON.readTree(each.get("body").asText()).path("type").asText())) {
                items.add(each);
            }
        }
        return items;
    }

    private static HttpHeaders headers(JsonNode received) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        received.get("headers").fields().forEachRemaining(header -> {
            List<String> values = new ArrayList<>();
            header.getValue().forEach(value -> values.add(value.asText()));
            headers.put(header.getKey(), values);
        });
        return HttpHeaders.of(headers, (name, value) -> true);
    }
}
