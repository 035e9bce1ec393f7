package io.callscheduler.localcloud;

import com.fasterxml.jackson.databind.JsonNode;
import io.callscheduler.localcloud.testing.DeployedApp;
import io.callscheduler.localcloud.testing.LocalCloudExtension;
import io.callscheduler.localcloud.testing.RunningCloud;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The reproductions of abuse, through the API on the local cloud, counting the simulator's dials: a callee
 * who is always busy is rung at most MaxCallsPerNumberPerDay times a day however many calls redial how often, and
 * requests that would go around the guards (a TwiML URL of anyone's, a number given twice) are refused, dialing
 * nothing.
 */
@Execution(ExecutionMode.SAME_THREAD) // one simulator outcome for the class: every call is busy
class AbuseGuardsEndToEndTest {
    private static final int CAP = 3;

    // Redials 3 s apart and up to ten attempts, as the reproduction asked: the widest the deployment may allow.
    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension(Map.of("MaxCallsPerNumberPerDay", Integer.toString(CAP),
            "RedialAfterMinutesFloor", "0.05", "RedialAttemptsCeiling", "10"));

    private static RunningCloud app() {
        return cloud.app();
    }

    private static String busyRedialingTenTimes(String number) {
        String body = "{\"phoneNumber\": \"" + number + "\", \"redial\": {\"on\": [\"BUSY\", \"NO_ANSWER\", \"FAILED\"], "
                + "\"maxAttempts\": 10, \"afterMinutes\": 0.05}}";
        return DeployedApp.send("POST", app().api.resolve("/calls"), body, 201).path("id").asText();
    }

    @Test
    void callsThatRedialTenTimesRingABusyNumberOnlyAsOftenAsTheDailyCap() {
        app().configureSimulator("{\"busyShare\": 1.0}");
        try {
            List<String> ids = new ArrayList<>();
            ids.add(busyRedialingTenTimes("+14155550701")); // one call: its redials stop at the cap
            String other = "+14155550702";
            for (int i = 0; i < CAP; i++) {
                ids.add(busyRedialingTenTimes(other)); // as many calls as the cap: no redial at all
            }
            JsonNode refused = DeployedApp.send("POST", app().api.resolve("/calls"),
                    "{\"phoneNumber\": \"" + other + "\"}", 429).path("error");
            assertThat(refused.path("code").asText()).isEqualTo("DAILY_LIMIT_REACHED");

            await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream().allMatch(id -> app().status(id).equals("FAILED")));

            assertThat(app().placed(ids.get(0))).as("rings of the one call redialing ten times").isEqualTo(CAP);
            assertThat(ids.subList(1, ids.size()).stream().mapToLong(app()::placed).sum())
                    .as("rings of " + CAP + " calls redialing ten times each").isEqualTo(CAP);
            assertThat(app().get(ids.get(0)).path("lastError").asText()).startsWith("not redialed: +14155550701 has had its "
                    + CAP + " dial attempts for ").contains("MaxCallsPerNumberPerDay");
        } finally {
            app().configureSimulator("{\"busyShare\": 0}");
        }
    }

    @Test
    void requestsThatWouldGoAroundTheGuardsAreRefusedAndDialNothing() {
        Map<String, String> refusals = Map.of(
                "{\"phoneNumber\": \"+14155550700\", \"twimlUrl\": \"https://attacker.example/dial-premium.xml\"}", "TWIML_HOST_NOT_ALLOWED",
                "{\"phoneNumber\": \"+14155550700\", \"twimlUrl\": \"https://169.254.169.254/latest.xml\"}", "TWIML_HOST_NOT_ALLOWED",
                "{\"phoneNumber\": \"+14155550100\", \"phoneNumber\": \"+882123456789\"}", "DUPLICATE_FIELD",
                "{\"phoneNumber\": \"+14155550100\"} garbage", "MALFORMED_JSON",
                "{\"phoneNumber\": \"+14155550100\"} {\"phoneNumber\": \"+882123456789\"}", "TRAILING_CONTENT",
                "{\"phoneNumber\": \"+14155550123\", \"redial\": {\"on\": [\"BUSY\"], \"maxAttempts\": 11}}", "INVALID_REDIAL");
        refusals.forEach((body, code) -> {
            JsonNode error = DeployedApp.send("POST", app().api.resolve("/calls"), body, 400).path("error");
            assertThat(error.path("code").asText()).as(body).isEqualTo(code);
        });
        JsonNode listed = DeployedApp.send("GET", app().api.resolve("/calls?limit=200"), null, 200);
        List<String> numbers = new ArrayList<>();
        listed.path("items").forEach(call -> numbers.add(call.path("phoneNumber").asText()));
        assertThat(numbers).as("calls written").doesNotContain("+14155550700", "+14155550100", "+14155550123", "+882123456789");
    }

    @Test
    void aSignedCallbackCannotEndACallThatWasNeverDialed() {
        String id = app().create("+14155550703", java.time.Instant.now().plusSeconds(3600)).path("id").asText();
        String body = "{\"id\":\"sim-forged\",\"status\":\"completed\",\"sequence\":3,\"metadata\":{\"callId\":\"" + id + "\"}}";
        String secret = app().cloud.simulator().callbackSecret();

        var answer = DeployedApp.exchange("POST", app().api.resolve("/webhooks/generic/status"), body, Map.of(
                "Content-Type", "application/json", "X-Call-Signature",
                io.callscheduler.simulator.CallApiSimulator.signature(secret, body.getBytes(java.nio.charset.StandardCharsets.UTF_8))));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("IGNORED");
        assertThat(app().status(id)).isEqualTo("SCHEDULED");
        assertThat(app().placed(id)).isZero();
    }
}
