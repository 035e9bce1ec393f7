package io.callscheduler.localcloud;

import com.fasterxml.jackson.databind.JsonNode;
import io.callscheduler.localcloud.testing.DeployedApp;
import io.callscheduler.localcloud.testing.LocalCloudExtension;
import io.callscheduler.localcloud.testing.RunningCloud;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pacing on the local cloud against a Call API that answers 429 to every dial above 2 a second:
 * {@code MaxCallsPerSecond=2} spreads 60 calls due in the same second over 30 s, each dialed once, none
 * failed, never more than 2 dial requests within a second. Slots more than 20 s away are waited for on
 * a schedule, the others within the dispatch.
 */
@org.junit.jupiter.api.parallel.Isolated // the provider's one-second window must not see a busy machine's stalls
class PacingEndToEndTest {
    private static final int RATE = 2;
    private static final int CALLS = 60;

    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension(Map.of("MaxCallsPerSecond", Integer.toString(RATE)));

    private static RunningCloud app() {
        return cloud.app();
    }

    @Test
    void aBurstDueInOneSecondDialsAtTheCapEachOnceNoneFailedWithinItsTime() {
        app().configureSimulator("{\"maxCallsPerSecond\": " + RATE + "}");
        Instant due = Instant.now().plusSeconds(8).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            ids.add(app().create("+1415556%04d".formatted(i), due).path("id").asText());
        }

        Duration allowed = Duration.ofSeconds(CALLS / RATE + 2);
        await().atMost(allowed.plusSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> ids.stream().allMatch(id -> app().placed(id) == 1));

        Instant lastDial = Instant.MIN;
        for (String id : ids) {
            JsonNode dials = app().dials(id);
            assertThat(dials.path("requests").asInt()).as("dial requests for " + id).isEqualTo(1);
            Instant placedAt = Instant.parse(dials.path("firstPlacedAt").asText());
            lastDial = placedAt.isAfter(lastDial) ? placedAt : lastDial;
            assertThat(app().status(id)).isNotEqualTo("FAILED");
        }
        assertThat(Duration.between(due, lastDial)).as("the burst's last dial after the due second").isLessThan(allowed);
        JsonNode totals = DeployedApp.send("GET", app().callApi.resolve("/_sim/dials"), null, 200);
        assertThat(totals.path("busiestSecond").asInt()).as("dial requests within any one second").isLessThanOrEqualTo(RATE);
        // Calls dialed late because of pacing say so; those past 20 s waited for their slot on a schedule.
        assertThat(ids.stream().map(id -> app().get(id).path("history").toString()))
                .anyMatch(history -> history.contains("pacing at 2/s: dial slot at"))
                .anyMatch(history -> history.contains("s late: pacing at 2/s"));
    }
}
