package io.callscheduler.localcloud;

import com.fasterxml.jackson.databind.JsonNode;
import io.callscheduler.localcloud.testing.DeployedApp;
import io.callscheduler.localcloud.testing.LocalCloudExtension;
import io.callscheduler.localcloud.testing.RunningCloud;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Recurring calls on the local cloud: a series created over HTTP dials its first occurrence through the ordinary
 * pipeline (on the simulator), and when that call ends the roller, fed by the table's stream, creates the next.
 */
class SeriesEndToEndTest {
    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension();

    private static RunningCloud app() {
        return cloud.app();
    }

    @Test
    void aSeriesFirstCallDialsAndTheNextOccurrenceIsCreatedWhenItEnds() {
        app().configureSimulator(DeployedApp.QUICK_CALLS);
        // Daily at this very second (UTC, no calling hours in the local cloud): its first occurrence is due now.
        LocalDateTime start = LocalDateTime.ofInstant(Instant.now().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
        JsonNode series = DeployedApp.send("POST", app().api.resolve("/series"), """
                {"phoneNumber": "+14155559401", "contactName": "Daily", "timeZone": "UTC", "rrule": "FREQ=DAILY",
                 "startAt": "%s"}""".formatted(start), 201);
        String id = series.path("id").asText();
        String first = series.path("currentCallId").asText();
        assertThat(series.path("currentOccurrence").asText()).isEqualTo(start.toString());

        await().atMost(Duration.ofSeconds(30)).until(() -> app().status(first).equals("COMPLETED"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode rolled = DeployedApp.send("GET", app().api.resolve("/series/" + id), null, 200);
            assertThat(rolled.path("currentOccurrence").asText()).isEqualTo(start.plusDays(1).toString());
        });
        JsonNode calls = DeployedApp.send("GET", app().api.resolve("/series/" + id + "/calls"), null, 200);
        assertThat(calls.path("items")).extracting(call -> call.path("status").asText())
                .containsExactly("SCHEDULED", "COMPLETED");
        assertThat(calls.path("items").get(0).path("scheduledAt").asText())
                .isEqualTo(start.plusDays(1).toInstant(ZoneOffset.UTC).toString());
    }
}
