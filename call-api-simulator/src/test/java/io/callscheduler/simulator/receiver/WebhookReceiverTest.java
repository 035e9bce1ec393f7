package io.callscheduler.simulator.receiver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callscheduler.simulator.CallApiSimulator;
import io.callscheduler.simulator.SimulatorSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The receiver that plays the user's webhook endpoint, over real HTTP, its knobs turned as a test or a person would. */
class WebhookReceiverTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static CallApiSimulator simulator;

    @BeforeAll
    static void start() throws Exception {
        simulator = CallApiSimulator.start("127.0.0.1", 0, null, SimulatorSettings.DEFAULTS,
                new CallApiSimulator.Secrets(new io.callscheduler.simulator.TwilioVoice.Credentials(io.callscheduler.simulator.TwilioVoice.Credentials.TEST_ACCOUNT_SID, "token"), "secret"));
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @BeforeEach
    void resetReceiver() throws Exception {
        assertThat(send("POST", "/_sim/receiver/reset", "").statusCode()).isEqualTo(200);
        assertThat(send("PUT", "/_sim/receiver/config", "{\"status\": 200, \"retryAfterSeconds\": 0, \"hangSeconds\": 0}").statusCode())
                .isEqualTo(200);
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        return send(method, path, body, Duration.ofSeconds(5), "msg_x");
    }

    private static HttpResponse<String> send(String method, String path, String body, Duration timeout, String webhookId)
            throws Exception {
        return HTTP.send(HttpRequest.newBuilder(simulator.uri().resolve(path)).timeout(timeout)
                .header("Content-Type", "application/json").header("webhook-id", webhookId)
                .header("webhook-timestamp", "1767225600").header("webhook-signature", "v1,bm90IGNoZWNrZWQ=")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> deliver(String webhookId, String body) throws Exception {
        return send("POST", "/webhooks/crm", body, Duration.ofSeconds(5), webhookId);
    }

    private static JsonNode received(String query) throws Exception {
        return JSON.readTree(send("GET", "/_sim/receiver/received" + query, "").body());
    }

    @Test
    void recordsEachWebhookAsItCameAndAcceptsItByDefault() throws Exception {
        String body = "{\"type\":\"call.completed\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"data\":{\"id\":\"c-1\"}}";
        HttpResponse<String> answer = deliver("msg_1", body);

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode all = received("");
        assertThat(all.get("count").asInt()).isEqualTo(1);
        JsonNode first = all.get("items").get(0);
        assertThat(first.get("path").asText()).isEqualTo("/webhooks/crm");
        assertThat(first.get("method").asText()).isEqualTo("POST");
        assertThat(first.get("webhookId").asText()).isEqualTo("msg_1");
        assertThat(first.get("body").asText()).isEqualTo(body); // byte for byte, so a test can verify the signature
        assertThat(first.get("headers").get("webhook-signature").get(0).asText()).isEqualTo("v1,bm90IGNoZWNrZWQ=");
        assertThat(first.get("headers").get("webhook-timestamp").get(0).asText()).isEqualTo("1767225600");
        assertThat(first.get("answeredWith").asInt()).isEqualTo(200);
        assertThat(simulator.receiver().received()).singleElement()
                .satisfies(r -> assertThat(r.header("Webhook-Id")).isEqualTo("msg_1"));
    }

    @Test
    void answersTheStatusTheKnobsSayWithRetryAfterOnA429() throws Exception {
        send("PUT", "/_sim/receiver/config", "{\"status\": 500}");
        assertThat(deliver("msg_2", "{}").statusCode()).isEqualTo(500);

        send("PUT", "/_sim/receiver/config", "{\"status\": 429, \"retryAfterSeconds\": 120}");
        HttpResponse<String> throttled = deliver("msg_2", "{}");
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).contains("120");

        send("PUT", "/_sim/receiver/config", "{\"status\": 410}");
        HttpResponse<String> gone = deliver("msg_2", "{}");
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(gone.headers().firstValue("Retry-After")).isEmpty();

        // Every attempt of one message, in order, with what it was answered.
        JsonNode attempts = received("?webhookId=msg_2").get("items");
        assertThat(attempts).extracting(a -> a.get("answeredWith").asInt()).containsExactly(500, 429, 410);
        assertThat(received("?webhookId=msg_other").get("items")).isEmpty();
    }

    @Test
    void answersSoForTheNextRequestsOnlyThenAcceptsAgain() throws Exception {
        JsonNode config = JSON.readTree(send("PUT", "/_sim/receiver/config", "{\"status\": 503, \"forNextRequests\": 2}").body());
        assertThat(config.get("remaining").asInt()).isEqualTo(2);

        assertThat(deliver("msg_3", "{}").statusCode()).isEqualTo(503);
        assertThat(deliver("msg_3", "{}").statusCode()).isEqualTo(503);
        assertThat(deliver("msg_3", "{}").statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(send("GET", "/_sim/receiver/config", "").body()).get("status").asInt()).isEqualTo(200);
    }

    @Test
    void aHangOutlastsTheSendersTimeoutAndTheAttemptIsRecordedAtOnce() throws Exception {
        send("PUT", "/_sim/receiver/config", "{\"hangSeconds\": 5}");

        assertThatThrownBy(() -> send("POST", "/webhooks", "{}", Duration.ofMillis(300), "msg_4"))
                .isInstanceOf(HttpTimeoutException.class);
        await().atMost(Duration.ofSeconds(2)).until(() -> received("?webhookId=msg_4").get("items").size() == 1);
    }

    @Test
    void refusesKnobsItDoesNotKnowOrCannotPlay() throws Exception {
        HttpResponse<String> unknown = send("PUT", "/_sim/receiver/config", "{\"statsu\": 500}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("unknown knob 'statsu'");
        HttpResponse<String> outOfRange = send("PUT", "/_sim/receiver/config", "{\"status\": 99}");
        assertThat(outOfRange.statusCode()).isEqualTo(400);
        assertThat(outOfRange.body()).contains("status must be an HTTP status from 200 to 599");
        assertThat(send("PUT", "/_sim/receiver/config", "{\"hangSeconds\": \"long\"}").statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(send("GET", "/_sim/receiver/config", "").body()).get("status").asInt())
                .as("the knobs as they were").isEqualTo(200);
    }

    @Test
    void theProvidersLatencyDoesNotSlowTheReceiverAndAResetForgetsWhatCame() throws Exception {
        simulator.configure(SimulatorSettings.DEFAULTS.with(JSON.createObjectNode().put("latencyMs", 5_000)));
        try {
            assertThat(send("POST", "/webhooks", "{}", Duration.ofSeconds(2), "msg_5").statusCode()).isEqualTo(200);
        } finally {
            simulator.configure(SimulatorSettings.DEFAULTS);
        }
        assertThat(received("").get("count").asInt()).isEqualTo(1);
        send("POST", "/_sim/receiver/reset", "");
        assertThat(received("").get("count").asInt()).isZero();
        assertThat(received("").get("items")).isEmpty();
    }

    /** Bounded for a long benchmark: the newest are kept, and the count goes on; times come from the clock given. */
    @Test
    void keepsTheNewestRequestsAndCountsThemAll() throws Exception {
        java.time.Instant at = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        WebhookReceiver small = new WebhookReceiver(java.time.Clock.fixed(at, java.time.ZoneOffset.UTC), 2);
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 8);
        server.createContext("/", exchange -> {
            try (exchange) {
                small.handle(exchange, exchange.getRequestURI().getPath());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        try {
            URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
            for (String id : new String[] {"msg_a", "msg_b", "msg_c"}) {
                HTTP.send(HttpRequest.newBuilder(base.resolve("/webhooks")).header("webhook-id", id)
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            }
            JsonNode received = JSON.readTree(HTTP.send(HttpRequest.newBuilder(base.resolve("/_sim/receiver/received")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertThat(received.get("count").asInt()).isEqualTo(3);
            assertThat(received.get("items")).extracting(r -> r.get("webhookId").asText()).containsExactly("msg_b", "msg_c");
            assertThat(received.get("items")).extracting(r -> r.get("sequence").asInt()).containsExactly(2, 3);
            assertThat(small.received()).allSatisfy(r -> assertThat(r.receivedAt()).isEqualTo(at));
        } finally {
            server.stop(0);
        }
    }
}
