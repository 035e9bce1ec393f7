package io.callscheduler.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The simulator over real HTTP, as the dispatch and status-sync functions use it. */
class CallApiSimulatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SimulatorSettings FAST = SimulatorSettings.DEFAULTS.with(JSON.createObjectNode()
            .put("ringAfterMs", 100).put("answerAfterMs", 200).put("talkMs", 300));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private CallApiSimulator simulator;

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    private HttpResponse<String> place(String callId, String to) throws Exception {
        return http.send(HttpRequest.newBuilder(simulator.uri().resolve("/calls")).timeout(Duration.ofSeconds(2))
                .header("Idempotency-Key", callId).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"to\": \"" + to + "\", \"metadata\": {\"callId\": \"" + callId + "\"}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(String path) throws Exception {
        return JSON.readTree(http.send(HttpRequest.newBuilder(simulator.uri().resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    @Test
    void aLateAnswerPlacesTheCallAndTheLookupByIdempotencyKeyFindsIt() throws Exception {
        simulator = CallApiSimulator.start("127.0.0.1", 0, null, FAST.with(JSON.createObjectNode()
                .put("lateAnswerRate", 1.0).put("lateAnswerMs", 3000)));
        HttpRequest post = HttpRequest.newBuilder(simulator.uri().resolve("/calls")).timeout(Duration.ofMillis(300))
                .header("Idempotency-Key", "c-late").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"to\": \"+14155550123\", \"metadata\": {\"callId\": \"c-late\"}}"))
                .build();

        assertThatThrownBy(() -> http.send(post, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(java.net.http.HttpTimeoutException.class);

        await().atMost(Duration.ofSeconds(2)).until(() -> get("/_sim/dials/c-late").get("placed").asInt() == 1);
        JsonNode found = get("/calls?idempotencyKey=c-late");
        assertThat(found.get("id").asText()).startsWith("sim-");
        assertThat(found.get("status").asText()).isIn("queued", "ringing", "in-progress", "completed");
        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(simulator.uri().resolve("/calls?idempotencyKey=nobody"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    void standaloneItListensOnLoopbackUnlessToldOtherwise() {
        assertThat(StandaloneSimulator.CommandLine.parse().host()).isEqualTo("127.0.0.1");
        assertThat(StandaloneSimulator.CommandLine.parse("--host", "0.0.0.0", "--port", "5001").host()).isEqualTo("0.0.0.0");
        assertThat(StandaloneSimulator.CommandLine.parse("--set", "busyShare=0.5").settings().busyShare()).isEqualTo(0.5);
        assertThatThrownBy(() -> StandaloneSimulator.CommandLine.parse("--port")).hasMessageContaining("needs a value");
    }

    @Test
    void placesACallAndFollowsItsLifecycleToCompleted() throws Exception {
        simulator = CallApiSimulator.start("127.0.0.1", 0, null, SimulatorSettings.DEFAULTS.with(JSON.createObjectNode()
                .put("ringAfterMs", 300).put("answerAfterMs", 600).put("talkMs", 800)));
        HttpResponse<String> placed = place("c-1", "+14155550123");
        assertThat(placed.statusCode()).isEqualTo(201);
        JsonNode call = JSON.readTree(placed.body());
        assertThat(call.get("status").asText()).isEqualTo("queued");
        String id = call.get("id").asText();

        // Record every status seen until the end; phases are long enough to be seen even on a busy machine.
        List<String> seen = new CopyOnWriteArrayList<>();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
            String status = get("/calls/" + id).get("status").asText();
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(status)) {
                seen.add(status);
            }
            return status.equals("completed");
        });
        assertThat(seen).isSubsetOf("queued", "ringing", "in-progress", "completed")
                .contains("in-progress", "completed")
                .isSortedAccordingTo(java.util.Comparator.comparingInt(
                        List.of("queued", "ringing", "in-progress", "completed")::indexOf));
        JsonNode done = get("/calls/" + id);
        assertThat(done.get("startedAt").isNull()).isFalse();
        assertThat(done.get("endedAt").isNull()).isFalse();
    }

    @Test
    void withACallbackUrlEachStatusIsPostedSignedWithHmacSha256OfTheBody() throws Exception {
        simulator = CallApiSimulator.start("127.0.0.1", 0, null, FAST);
        simulator.useCallbackSecret("shared-secret");
        List<String> bodies = new CopyOnWriteArrayList<>();
        List<String> signatures = new CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer receiver = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 8);
        receiver.createContext("/hook", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            signatures.add(exchange.getRequestHeaders().getFirst("X-Call-Signature"));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String body = "{\"to\": \"+14155550123\", \"from\": \"+14155550100\", \"message\": \"hi\", \"callbackUrl\": \"http://127.0.0.1:"
                    + receiver.getAddress().getPort() + "/hook\", \"metadata\": {\"callId\": \"c-cb\"}}";
            HttpResponse<String> placed = http.send(HttpRequest.newBuilder(simulator.uri().resolve("/calls"))
                    .header("Idempotency-Key", "c-cb").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(placed.statusCode()).isEqualTo(201);
            assertThat(JSON.readTree(placed.body()).get("from").asText()).isEqualTo("+14155550100");

            await().atMost(Duration.ofSeconds(5)).until(() -> bodies.size() == 3);
            List<JsonNode> callbacks = new java.util.ArrayList<>();
            for (String each : bodies) {
                callbacks.add(JSON.readTree(each));
            }
            assertThat(callbacks).extracting(c -> c.get("status").asText()).containsExactly("ringing", "in-progress", "completed");
            assertThat(callbacks).extracting(c -> c.get("sequence").asInt()).containsExactly(0, 1, 2);
            assertThat(callbacks).allSatisfy(c -> assertThat(c.path("metadata").path("callId").asText()).isEqualTo("c-cb"));
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec("shared-secret".getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
            for (int i = 0; i < bodies.size(); i++) {
                String expected = "sha256=" + java.util.HexFormat.of().formatHex(
                        mac.doFinal(bodies.get(i).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                assertThat(signatures.get(i)).as("signature of callback " + i).isEqualTo(expected);
            }
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void theSameIdempotencyKeyIsTheSameCallAndIsCounted() throws Exception {
        simulator = CallApiSimulator.start("127.0.0.1", 0, null, FAST);
        String first = JSON.readTree(place("c-2", "+14155550123").body()).get("id").asText();
        String second = JSON.readTree(place("c-2", "+14155550123").body()).get("id").asText();

        assertThat(second).isEqualTo(first);
        JsonNode dials = get("/_sim/dials/c-2");
        assertThat(dials.get("placed").asInt()).isEqualTo(1);
        assertThat(dials.get("requests").asInt()).isEqualTo(2);
        assertThat(get("/_sim/dials").get("calls").get("c-2").get("placed").asInt()).isEqualTo(1);
    }

    @Test
    void outcomesFollowTheConfiguredShares() throws Exception {
        simulator = CallApiSimulator.start("127.0.0.1", 0, null, FAST.with(JSON.createObjectNode().put("busyShare", 1.0)));
        String id = JSON.readTree(place("c-3", "+14155550123").body()).get("id").asText();
        await().atMost(Duration.ofSeconds(2)).until(() -> get("/calls/" + id).get("status").asText().equals("busy"));

        simulator.configure(FAST.with(JSON.createObjectNode().put("failedShare", 1.0)));
        String failed = JSON.readTree(place("c-4", "+14155550123").body()).get("id").asText();
        await().atMost(Duration.ofSeconds(2)).until(() -> get("/calls/" + failed).get("status").asText().equals("failed"));
        assertThat(get("/calls/" + failed).get("error").asText()).isEqualTo("simulated carrier failure");
    }

    @Test
    void injectsServerErrorsThrottlingAndDroppedConnections() throws Exception {
        simulator = CallApiSimulator.start("127.0.0.1", 0, null, FAST.with(JSON.createObjectNode().put("serverErrorRate", 1.0)));
        assertThat(place("c-5", "+14155550123").statusCode()).isEqualTo(503);

        simulator.configure(FAST.with(JSON.createObjectNode().put("throttleRate", 1.0)));
        HttpResponse<String> throttled = place("c-5", "+14155550123");
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).contains("1");

        simulator.configure(FAST.with(JSON.createObjectNode().put("dropRate", 1.0)));
        assertThatThrownBy(() -> place("c-5", "+14155550123")).isInstanceOf(IOException.class);

        assertThat(get("/_sim/dials/c-5").get("requests").asInt()).isEqualTo(3);
        assertThat(get("/_sim/dials/c-5").get("placed").asInt()).isZero();
    }

    @Test
    void aHangingRequestOutlastsTheClientTimeout() throws Exception {
        simulator = CallApiSimulator.start("127.0.0.1", 0, null, FAST.with(JSON.createObjectNode().put("timeoutRate", 1.0)));
        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(simulator.uri().resolve("/calls"))
                .timeout(Duration.ofMillis(300)).header("Idempotency-Key", "c-6")
                .POST(HttpRequest.BodyPublishers.ofString("{\"to\": \"+14155550123\"}")).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(java.net.http.HttpTimeoutException.class);
    }

    @Test
    void refusesInvalidRequestsAndUnknownCalls() throws Exception {
        simulator = CallApiSimulator.start("127.0.0.1", 0, null, FAST);
        assertThat(place("c-7", "0415").statusCode()).isEqualTo(422);
        assertThat(http.send(HttpRequest.newBuilder(simulator.uri().resolve("/calls/sim-unknown")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
        HttpResponse<String> badConfig = http.send(HttpRequest.newBuilder(simulator.uri().resolve("/_sim/config"))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"busyShare\": 2}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(badConfig.statusCode()).isEqualTo(400);
        HttpResponse<String> wrongMethod = http.send(HttpRequest.newBuilder(simulator.uri().resolve("/calls"))
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("GET, POST");
        HttpResponse<String> lookupWithoutKey = http.send(HttpRequest.newBuilder(simulator.uri().resolve("/calls")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(lookupWithoutKey.statusCode()).isEqualTo(400);
    }

    @Test
    void placedCallsSurviveARestart(@TempDir Path data) throws Exception {
        simulator = CallApiSimulator.start("127.0.0.1", 0, data, FAST);
        String id = JSON.readTree(place("c-8", "+14155550123").body()).get("id").asText();
        simulator.close();

        simulator = CallApiSimulator.start("127.0.0.1", 0, data, FAST);
        assertThat(get("/calls/" + id).get("id").asText()).isEqualTo(id);
        assertThat(JSON.readTree(place("c-8", "+14155550123").body()).get("id").asText())
                .as("idempotency survives too").isEqualTo(id);
    }
}
