package io.callscheduler.localcloud;

import io.callscheduler.localcloud.testing.DeployedApp;
import io.callscheduler.localcloud.testing.LocalCloudExtension;
import io.callscheduler.localcloud.testing.RunningCloud;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code MaxConcurrentCalls=2} on the local cloud: eight calls due in the same second are all dialed and
 * completed, once each, but the provider never has more than two ringing or on the phone at a time; each
 * waiting call takes a line as soon as a callback ends another.
 */
class ConcurrentCallsEndToEndTest {
    private static final int LINES = 2;

    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension(Map.of("MaxConcurrentCalls", Integer.toString(LINES)));

    private static RunningCloud app() {
        return cloud.app();
    }

    @Test
    void aBurstNeverHasMoreCallsOnThePhoneThanLinesAndEveryCallCompletes() {
        app().configureSimulator("{\"ringAfterMs\":100,\"answerAfterMs\":200,\"talkMs\":1500,\"busyShare\":0,\"noAnswerShare\":0,\"failedShare\":0}");
        Instant due = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ids.add(app().create("+1415558%04d".formatted(i), due).path("id").asText());
        }

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> ids.stream().allMatch(id -> app().status(id).equals("COMPLETED")));

        ids.forEach(id -> assertThat(app().placed(id)).as("dials of " + id).isEqualTo(1));
        var totals = DeployedApp.send("GET", app().callApi.resolve("/_sim/dials"), null, 200);
        assertThat(totals.path("mostAtOnce").asInt()).as("calls ringing or on the phone at once").isEqualTo(LINES);
    }
}
