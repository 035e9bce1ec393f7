package io.callscheduler.localcloud.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import io.callscheduler.localcloud.testing.DeployedApp;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The end-to-end scenarios, one set for every target the application runs on (the local cloud, LocalStack):
 * over real HTTP, as a user drives it, with the Call API simulator counting dials. Each target says how
 * precisely it dials ({@link DeployedApp#dialLateness()}) and whether its schedules fire; every other
 * expectation is the same: each call dialed exactly once, never before its time, never when canceled, at
 * its new time when rescheduled, and followed to its final status. The scenarios share one deployment and
 * run side by side, as concurrent users would.
 */
public abstract class CallSchedulerScenarios {

    /** The deployment under test, started once for the class. */
    protected abstract DeployedApp app();

    @Test
    void scheduledCallIsDialedOnTimeOnceAndFollowedToTheEnd() {
        DeployedApp app = app();
        // Beyond the 5 s "call now" window, so this gets its own one-time schedule.
        Instant scheduledAt = Instant.now().plusSeconds(7).truncatedTo(ChronoUnit.MILLIS);
        String id = app.create("+14155550101", scheduledAt).path("id").asText();
        assertThat(app.hasSchedule(id)).isTrue();

        await().atMost(Duration.ofSeconds(10).plus(app.dialLateness())).until(() -> app.placed(id) == 1);
        assertThat(firstDial(app, id)).isBetween(scheduledAt, scheduledAt.plus(app.dialLateness()));

        await().atMost(Duration.ofSeconds(15)).until(() -> app.status(id).equals("COMPLETED"));
        JsonNode call = app.get(id);
        // Provider progress (queued, ringing) adds entries within a status; the statuses pass in this order.
        assertThat(statuses(call).stream().distinct()).containsExactly("SCHEDULED", "DIALING", "IN_PROGRESS", "COMPLETED");
        assertThat(call.path("attempts").asInt()).isEqualTo(1);
        assertThat(app.dials(id).path("placed").asLong()).isEqualTo(1);
        assertThat(app.dials(id).path("requests").asLong()).isEqualTo(1);
        if (app.schedulesFire()) {
            assertThat(app.hasSchedule(id)).as("deleted after firing (ActionAfterCompletion DELETE)").isFalse();
        }
    }

    @Test
    void callNowIsDialedPromptly() {
        DeployedApp app = app();
        Instant created = Instant.now();
        String id = app.create("+14155550102", null).path("id").asText();

        await().atMost(app.callNowLatency().plusSeconds(1)).until(() -> app.placed(id) == 1);
        assertThat(firstDial(app, id)).isBefore(created.plus(app.callNowLatency()));
        await().atMost(Duration.ofSeconds(15)).until(() -> app.status(id).equals("COMPLETED"));
        assertThat(app.placed(id)).isEqualTo(1);
    }

    @Test
    void callDueWithinSecondsIsDialedAtItsTimeNotBefore() {
        DeployedApp app = app();
        Instant scheduledAt = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.MILLIS);
        String id = app.create("+14155550105", scheduledAt).path("id").asText();

        await().atMost(Duration.ofSeconds(5).plus(app.dialLateness())).until(() -> app.placed(id) == 1);
        assertThat(firstDial(app, id)).isBetween(scheduledAt, scheduledAt.plus(app.dialLateness()));
    }

    @Test
    void canceledCallIsNeverDialed() {
        DeployedApp app = app();
        Instant scheduledAt = Instant.now().plusSeconds(6);
        String id = app.create("+14155550103", scheduledAt).path("id").asText();
        assertThat(app.hasSchedule(id)).isTrue();

        JsonNode canceled = DeployedApp.send("DELETE", app.api.resolve("/calls/" + id), null, 200);

        assertThat(canceled.path("status").asText()).isEqualTo("CANCELED");
        assertThat(app.hasSchedule(id)).isFalse();
        // Past the original time plus the lateness allowed: still no dial.
        await().during(Duration.between(Instant.now(), scheduledAt.plus(app.dialLateness()).plusSeconds(2)))
                .atMost(Duration.ofSeconds(15)).until(() -> app.placed(id) == 0);
        assertThat(app.status(id)).isEqualTo("CANCELED");
    }

    @Test
    void rescheduledCallIsDialedAtTheNewTimeNotTheOld() {
        DeployedApp app = app();
        Instant oldTime = Instant.now().plusSeconds(6);
        String id = app.create("+14155550104", oldTime).path("id").asText();
        Instant newTime = Instant.now().plusSeconds(10).truncatedTo(ChronoUnit.MILLIS);

        JsonNode moved = DeployedApp.send("PATCH", app.api.resolve("/calls/" + id),
                "{\"scheduledAt\":\"" + newTime + "\"}", 200);

        assertThat(Instant.parse(moved.path("scheduledAt").asText())).isEqualTo(newTime);
        await().during(Duration.between(Instant.now(), oldTime.plusMillis(2500)))
                .atMost(Duration.ofSeconds(10)).until(() -> app.placed(id) == 0);
        await().atMost(Duration.ofSeconds(10).plus(app.dialLateness())).until(() -> app.placed(id) == 1);
        assertThat(firstDial(app, id)).isBetween(newTime, newTime.plus(app.dialLateness()));
        await().atMost(Duration.ofSeconds(15)).until(() -> app.status(id).equals("COMPLETED"));
        assertThat(app.placed(id)).isEqualTo(1);
    }

    private static Instant firstDial(DeployedApp app, String id) {
        return Instant.parse(app.dials(id).path("firstPlacedAt").asText());
    }

    static List<String> statuses(JsonNode call) {
        List<String> statuses = new ArrayList<>();
        call.path("history").forEach(change -> statuses.add(change.path("status").asText()));
        return statuses;
    }
}
