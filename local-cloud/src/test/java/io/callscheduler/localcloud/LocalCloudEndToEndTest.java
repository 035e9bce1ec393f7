package io.callscheduler.localcloud;

import com.fasterxml.jackson.databind.JsonNode;
import io.callscheduler.localcloud.testing.RunningCloud;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole system over real HTTP, as a user drives it: the API on its port, schedules firing in the
 * Scheduler emulator, the dispatch function dialing the simulator, status sync driving calls to the end.
 * The scenarios share one local cloud and run side by side, as concurrent users would.
 */
class LocalCloudEndToEndTest {
    @TempDir
    static Path data;
    static RunningCloud app;

    @BeforeAll
    static void start() {
        app = RunningCloud.start(data, null);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void scheduledCallFiresOnTimeDialsOnceAndCompletes() {
        // Beyond the 5 s "call now" window, so this goes through its own one-time schedule.
        Instant scheduledAt = Instant.now().plusSeconds(7).truncatedTo(ChronoUnit.MILLIS);
        String id = app.create("+14155550101", scheduledAt).path("id").asText();
        String scheduleKey = app.cloud.template().scheduleGroups().get(0) + "/call-" + id;
        assertThat(app.cloud.scheduler().scheduleKeys()).contains(scheduleKey);

        await().atMost(Duration.ofSeconds(12)).until(() -> app.placed(id) == 1);
        Instant dialedAt = Instant.parse(app.dials(id).path("firstPlacedAt").asText());
        assertThat(dialedAt).isBetween(scheduledAt, scheduledAt.plusMillis(1500));

        await().atMost(Duration.ofSeconds(15)).until(() -> app.status(id).equals("COMPLETED"));
        JsonNode call = app.get(id);
        // Provider progress (queued, ringing) adds entries within a status; the statuses pass in this order.
        assertThat(statuses(call).stream().distinct()).containsExactly("SCHEDULED", "DIALING", "IN_PROGRESS", "COMPLETED");
        assertThat(call.path("attempts").asInt()).isEqualTo(1);
        assertThat(app.dials(id).path("placed").asLong()).isEqualTo(1);
        assertThat(app.dials(id).path("requests").asLong()).isEqualTo(1);
        // ActionAfterCompletion: DELETE
        assertThat(app.cloud.scheduler().scheduleKeys()).doesNotContain(scheduleKey);
    }

    @Test
    void callNowDialsWithinTwoSeconds() {
        String id = app.create("+14155550102", null).path("id").asText();
        Instant created = Instant.now();

        await().atMost(Duration.ofSeconds(2)).until(() -> app.placed(id) == 1);
        assertThat(Instant.parse(app.dials(id).path("firstPlacedAt").asText())).isBefore(created.plusSeconds(2));
        await().atMost(Duration.ofSeconds(15)).until(() -> app.status(id).equals("COMPLETED"));
        assertThat(app.placed(id)).isEqualTo(1);
    }

    @Test
    void callDueWithinSecondsWaitsForItsTimeWithoutASchedule() {
        Instant scheduledAt = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.MILLIS);
        String id = app.create("+14155550105", scheduledAt).path("id").asText();

        await().atMost(Duration.ofSeconds(8)).until(() -> app.placed(id) == 1);
        assertThat(Instant.parse(app.dials(id).path("firstPlacedAt").asText())).isBetween(scheduledAt, scheduledAt.plusMillis(1500));
    }

    @Test
    void canceledCallIsNeverDialed() {
        Instant scheduledAt = Instant.now().plusSeconds(6);
        String id = app.create("+14155550103", scheduledAt).path("id").asText();
        assertThat(app.cloud.scheduler().scheduleKeys()).anyMatch(key -> key.endsWith("call-" + id));

        JsonNode canceled = RunningCloud.send("DELETE", app.api.resolve("/calls/" + id), null, 200);

        assertThat(canceled.path("status").asText()).isEqualTo("CANCELED");
        assertThat(app.cloud.scheduler().scheduleKeys()).noneMatch(key -> key.endsWith("call-" + id));
        // Past the original time plus the sweeper's grace: still no dial.
        await().during(Duration.between(Instant.now(), scheduledAt.plusSeconds(3)))
                .atMost(Duration.ofSeconds(10)).until(() -> app.placed(id) == 0);
        assertThat(app.status(id)).isEqualTo("CANCELED");
    }

    @Test
    void rescheduledCallDialsAtTheNewTimeNotTheOld() {
        Instant oldTime = Instant.now().plusSeconds(6);
        String id = app.create("+14155550104", oldTime).path("id").asText();
        Instant newTime = Instant.now().plusSeconds(10).truncatedTo(ChronoUnit.MILLIS);

        JsonNode moved = RunningCloud.send("PATCH", app.api.resolve("/calls/" + id),
                "{\"scheduledAt\":\"" + newTime + "\"}", 200);

        assertThat(Instant.parse(moved.path("scheduledAt").asText())).isEqualTo(newTime);
        await().during(Duration.between(Instant.now(), oldTime.plusMillis(2500)))
                .atMost(Duration.ofSeconds(10)).until(() -> app.placed(id) == 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> app.placed(id) == 1);
        assertThat(Instant.parse(app.dials(id).path("firstPlacedAt").asText())).isBetween(newTime, newTime.plusMillis(1500));
        await().atMost(Duration.ofSeconds(15)).until(() -> app.status(id).equals("COMPLETED"));
        assertThat(app.placed(id)).isEqualTo(1);
    }

    static List<String> statuses(JsonNode call) {
        List<String> statuses = new ArrayList<>();
        call.path("history").forEach(change -> statuses.add(change.path("status").asText()));
        return statuses;
    }
}
