package io.callscheduler.localcloud;

import io.callscheduler.localcloud.testing.RunningCloud;
import io.callscheduler.simulator.CallApiSimulator;
import io.callscheduler.simulator.SimulatorSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Stop and start again on the same data directory: every call and schedule is where it was, a call that
 * came due while the local cloud was down dials as soon as it is back, a call whose dispatch was in flight
 * at shutdown is recovered by the status-sync sweeper at once (the restart proves that dispatch dead, so no 15 s
 * grace), and nothing dials twice. The Call API is external
 * (as with CALL_API_URL), so its dial counts span both runs.
 */
class RestartTest {
    @TempDir
    Path data;

    @Test
    void pendingCallsSurviveARestartAndEachDialsExactlyOnce() throws Exception {
        try (CallApiSimulator callApi = CallApiSimulator.start("127.0.0.1", 0, null,
                new SimulatorSettings(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 100, 200, 300))) {
            String completed;
            String inFlight;
            String dueWhileDown;
            String dueAfterRestart;
            Instant dueWhileDownAt;
            Instant dueAfterRestartAt;
            Instant inFlightAt;
            try (RunningCloud first = RunningCloud.start(data, callApi.uri().toString())) {
                assertThat(first.cloud.simulator()).as("no simulator when a Call API is configured").isNull();
                Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS); // as the API stores times
                completed = first.create("+14155550201", null).path("id").asText();
                dueWhileDownAt = now.plusSeconds(7);
                dueWhileDown = first.create("+14155550203", dueWhileDownAt).path("id").asText();
                dueAfterRestartAt = now.plusSeconds(16);
                dueAfterRestart = first.create("+14155550204", dueAfterRestartAt).path("id").asText();
                await().atMost(Duration.ofSeconds(15)).until(() -> first.status(completed).equals("COMPLETED"));
                // What lets a restart treat every earlier dispatch as dead: one local cloud at a time per data directory.
                assertThatThrownBy(() -> RunningCloud.start(data, callApi.uri().toString()))
                        .isInstanceOf(LocalCloud.LocalCloudException.class).hasMessageContaining("another local cloud is using");
                // Within the 5 s "call now" window: its dispatch waits in memory for its claim (2 s before its
                // time), and is cut off before it claims it, by the close right after.
                inFlightAt = Instant.now().plusMillis(4500);
                inFlight = first.create("+14155550202", inFlightAt).path("id").asText();
            }

            Instant backAfter = (inFlightAt.isAfter(dueWhileDownAt) ? inFlightAt : dueWhileDownAt).plusSeconds(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(backAfter));
            assertThat(callApi.requestsFor(dueWhileDown)).as("nothing dials while the local cloud is down").isZero();
            assertThat(callApi.requestsFor(inFlight)).isZero();

            try (RunningCloud second = RunningCloud.start(data, callApi.uri().toString())) {
                assertThat(second.status(completed)).isEqualTo("COMPLETED");
                await().atMost(Duration.ofSeconds(5)).until(() -> second.placed(dueWhileDown) == 1);
                // Due before the restart, with no schedule: swept by the first status sync, not 15 s after its time.
                await().atMost(Duration.ofSeconds(5)).until(() -> second.placed(inFlight) == 1);
                assertThat(second.placed(dueAfterRestart)).as("not before its time").isZero();

                await().atMost(Duration.ofSeconds(15)).until(() -> second.placed(dueAfterRestart) == 1);
                assertThat(Instant.parse(second.dials(dueAfterRestart).path("firstPlacedAt").asText()))
                        .isAfterOrEqualTo(dueAfterRestartAt);
                await().atMost(Duration.ofSeconds(15)).until(() -> second.status(inFlight).equals("COMPLETED")
                        && second.status(dueWhileDown).equals("COMPLETED")
                        && second.status(dueAfterRestart).equals("COMPLETED"));
                for (String id : new String[]{completed, inFlight, dueWhileDown, dueAfterRestart}) {
                    assertThat(callApi.requestsFor(id)).as("dial requests for " + id).isEqualTo(1);
                }
            }
        }
    }

    @Test
    void aRestartRunsTheStatusSyncAtOnceNotAtItsNextFiring() throws Exception {
        try (CallApiSimulator callApi = CallApiSimulator.start("127.0.0.1", 0, null,
                new SimulatorSettings(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 100, 200, 300))) {
            Duration hourly = Duration.ofHours(1); // no run of its own schedule during the test
            Instant dueAt;
            String handedOver;
            try (RunningCloud first = RunningCloud.start(data, callApi.uri().toString(), Map.of(), false, hourly)) {
                // A "call now" window call: handed straight to a dispatch that waits in memory, cut off by the close.
                dueAt = Instant.now().plusMillis(4500);
                handedOver = first.create("+14155550205", dueAt).path("id").asText();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(dueAt.plusSeconds(1)));

            try (RunningCloud second = RunningCloud.start(data, callApi.uri().toString(), Map.of(), false, hourly)) {
                await().atMost(Duration.ofSeconds(5)).until(() -> second.placed(handedOver) == 1);
            }
            assertThat(callApi.requestsFor(handedOver)).isEqualTo(1);
        }
    }
}
