package io.callscheduler.localcloud;

import com.fasterxml.jackson.databind.JsonNode;
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
 * On the second while the Scheduler fires anywhere within the minute ({@code --scheduler-timing aws}): with
 * DialPrecision=second (the default) each schedule is set a minute plus the claim lead early, so it always
 * fires before the call's time, and dispatch dials within a second of it. Calls due far enough ahead to go
 * through their schedules take about a minute and a half.
 */
class OnTheSecondEndToEndTest {
    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension(Map.of()).withAwsSchedulerTiming();

    private static RunningCloud app() {
        return cloud.app();
    }

    private static List<String> details(JsonNode call) {
        List<String> details = new ArrayList<>();
        call.path("history").forEach(entry -> details.add(entry.path("detail").asText()));
        return details;
    }

    @Test
    void callsGoingThroughSchedulesThatFireWithinTheirMinuteDialWithinASecondOfTheirTime() {
        Instant base = Instant.now().plusSeconds(75).truncatedTo(ChronoUnit.SECONDS);
        List<String> ids = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Instant at = base.plusMillis(i * 2_345L); // different seconds, so the schedules land at different moments
            times.add(at);
            ids.add(app().create("+1415557%04d".formatted(i), at).path("id").asText());
        }
        // Not asserted through hasSchedule right after creating: with AWS timing a schedule may fire (and delete
        // itself) at once, when the moment drawn within its minute has already passed. The history tells instead.

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> ids.stream().allMatch(id -> app().placed(id) == 1));
        for (int i = 0; i < ids.size(); i++) {
            Instant dialed = Instant.parse(app().dials(ids.get(i)).path("firstPlacedAt").asText());
            assertThat(Duration.between(times.get(i), dialed)).as("lateness of call " + i)
                    .isBetween(Duration.ZERO, Duration.ofSeconds(1));
            assertThat(details(app().get(ids.get(i)))).as("call " + i + " went through its schedule")
                    .anySatisfy(detail -> assertThat(detail).startsWith("dialing (scheduler)"));
        }
    }
}
