package io.callscheduler.localcloud;

import com.fasterxml.jackson.databind.JsonNode;
import io.callscheduler.emulators.LambdaEmulator;
import io.callscheduler.localcloud.testing.LocalCloudExtension;
import io.callscheduler.localcloud.testing.RunningCloud;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * On the second while the Scheduler fires anywhere within the minute ({@code --scheduler-timing aws}): with
 * DialPrecision=second (the default) each schedule is set a minute plus the claim lead early, so it always
 * fires before the call's time; it invokes the 128 MB dial waiter, which waits and hands over to dispatch
 * shortly before the claim, and dispatch dials within a second of the call's time. Calls due far enough ahead
 * to go through their schedules take about a minute and a half.
 */
// Side by side with the other classes (they run one after another): it mostly waits for real minutes to pass, on a
// local cloud of its own (its own free ports and data folder).
@Execution(ExecutionMode.CONCURRENT)
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

    private static String functionName(String logicalId) {
        return app().cloud.template().functions().stream().filter(f -> f.logicalId().equals(logicalId))
                .findFirst().orElseThrow().name();
    }

    private static LambdaEmulator.Runs runs(String logicalId) {
        return app().cloud.lambda().runsOf(functionName(logicalId));
    }

    /** Runs since {@code before}, per call, in GB-s at the function's memory (Lambda bills duration times memory). */
    private static double gbSecondsPerCall(String logicalId, LambdaEmulator.Runs before, int calls) {
        int memoryMb = app().cloud.template().functions().stream().filter(f -> f.logicalId().equals(logicalId))
                .findFirst().orElseThrow().memoryMb();
        Duration spent = runs(logicalId).duration().minus(before.duration());
        return spent.toMillis() / 1000.0 * memoryMb / 1024.0 / calls;
    }

    private static int nextNumber;

    private static List<String> createCalls(int count, Instant base, List<Instant> times) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant at = base.plusMillis(i * 2_345L); // different seconds, so the schedules land at different moments
            times.add(at);
            ids.add(app().create("+1415557%04d".formatted(nextNumber++), at).path("id").asText());
        }
        return ids;
    }

    private static void assertDialedOnTheSecondThroughTheSchedule(List<String> ids, List<Instant> times) {
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                .until(() -> ids.stream().allMatch(id -> app().placed(id) == 1));
        for (int i = 0; i < ids.size(); i++) {
            Instant dialed = Instant.parse(app().dials(ids.get(i)).path("firstPlacedAt").asText());
            assertThat(Duration.between(times.get(i), dialed)).as("lateness of call " + i)
                    .isBetween(Duration.ZERO, Duration.ofSeconds(1));
            assertThat(details(app().get(ids.get(i)))).as("call " + i + " went through its schedule")
                    .anySatisfy(detail -> assertThat(detail).startsWith("dialing (scheduler)"));
        }
    }

    /**
     * Calls whose schedules fire anywhere within their minute invoke the waiter, which hands over to dispatch shortly
     * before the claim; each dials within a second of its time. (A schedule still naming dispatch, made before the
     * waiter existed, is dialed on time by dispatch's own wait: DispatchServiceTest's
     * aScheduleFiredEarlyInItsMinuteWaitsForTheExactTime, with a controlled clock, rather than two more minutes here.)
     */
    @Test
    void callsGoingThroughSchedulesThatFireWithinTheirMinuteDialWithinASecondOfTheirTimeThroughTheWaiter() {
        LambdaEmulator.Runs waiterBefore = runs("DialWaiterFunction");
        LambdaEmulator.Runs dispatchBefore = runs("DispatchFunction");
        List<Instant> times = new ArrayList<>();
        // Not asserted through hasSchedule right after creating: with AWS timing a schedule may fire (and delete
        // itself) at once, when the moment drawn within its minute has already passed. The history tells instead.
        List<String> ids = createCalls(6, Instant.now().plusSeconds(75).truncatedTo(ChronoUnit.SECONDS), times);

        assertDialedOnTheSecondThroughTheSchedule(ids, times);
        await().atMost(Duration.ofSeconds(10)).until(() -> runs("DispatchFunction").count() - dispatchBefore.count() == ids.size());
        LambdaEmulator.Runs waiter = runs("DialWaiterFunction");
        LambdaEmulator.Runs dispatch = runs("DispatchFunction");
        assertThat(waiter.count() - waiterBefore.count()).as("one waiter run per call").isEqualTo(ids.size());
        Duration waiterPerCall = waiter.duration().minus(waiterBefore.duration()).dividedBy(ids.size());
        Duration dispatchPerCall = dispatch.duration().minus(dispatchBefore.duration()).dividedBy(ids.size());
        // The waiter waits out the early firing (on average half the Scheduler's minute); dispatch only its hand-over.
        assertThat(dispatchPerCall).as("dispatch's run per call through the waiter").isLessThan(Duration.ofSeconds(4));
        assertThat(waiterPerCall).as("the waiter's run per call").isGreaterThan(Duration.ofSeconds(5));
        System.out.printf(Locale.ROOT, "through the waiter, per call: waiter %d ms (%.2f GB-s at 128 MB), dispatch %d ms (%.2f GB-s at 1024 MB)%n",
                waiterPerCall.toMillis(), gbSecondsPerCall("DialWaiterFunction", waiterBefore, ids.size()),
                dispatchPerCall.toMillis(), gbSecondsPerCall("DispatchFunction", dispatchBefore, ids.size()));
    }
}
