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
 * Redial on the local cloud: a busy line is dialed again after the call's own wait, one provider call per
 * attempt, its final status the last attempt's; cancel stops a redial that waits.
 */
@Execution(ExecutionMode.SAME_THREAD) // both tests set the simulator's outcome shares
class RedialEndToEndTest {
    @RegisterExtension
    // Attempts 3 s apart: below the default floor of a minute, which would make the test wait minutes.
    static final LocalCloudExtension cloud = new LocalCloudExtension(Map.of("RedialAfterMinutesFloor", "0.05"));

    private static RunningCloud app() {
        return cloud.app();
    }

    private static String createRedialing(String number, double afterMinutes) {
        String body = "{\"phoneNumber\": \"" + number + "\", \"redial\": {\"on\": [\"BUSY\"], \"maxAttempts\": 2, "
                + "\"afterMinutes\": " + afterMinutes + "}}";
        return DeployedApp.send("POST", app().api.resolve("/calls"), body, 201).path("id").asText();
    }

    @Test
    void aBusyCallIsRedialedOnceMoreAndEndsWithTheLastAttemptsOutcome() {
        app().configureSimulator("{\"busyShare\": 1.0}");
        try {
            String id = createRedialing("+14155559100", 0.05); // 3 s between attempts

            await().atMost(Duration.ofSeconds(40)).until(() -> app().status(id).equals("BUSY"));

            JsonNode call = app().get(id);
            assertThat(app().placed(id)).as("one provider call per attempt").isEqualTo(2);
            assertThat(call.path("dialRound").asInt()).isEqualTo(2);
            assertThat(call.path("attempts").asInt()).isEqualTo(2);
            List<String> statuses = new ArrayList<>();
            call.path("history").forEach(h -> statuses.add(h.path("status").asText()));
            assertThat(statuses.stream().distinct()).containsExactly("SCHEDULED", "DIALING", "BUSY");
            assertThat(call.path("history").toString()).contains("redial: attempt 2 of 2 at");
            assertThat(statuses.indexOf("BUSY")).isEqualTo(statuses.size() - 1);
        } finally {
            app().configureSimulator("{\"busyShare\": 0}");
        }
    }

    @Test
    void cancelStopsARedialThatWaits() {
        app().configureSimulator("{\"busyShare\": 1.0}");
        try {
            String id = createRedialing("+14155559101", 10);
            await().atMost(Duration.ofSeconds(20)).until(() -> app().get(id).path("dialRound").asInt() == 2);
            assertThat(app().status(id)).isEqualTo("SCHEDULED");

            JsonNode canceled = DeployedApp.send("DELETE", app().api.resolve("/calls/" + id), null, 200);

            assertThat(canceled.path("status").asText()).isEqualTo("CANCELED");
            assertThat(app().placed(id)).isEqualTo(1);
        } finally {
            app().configureSimulator("{\"busyShare\": 0}");
        }
    }
}
