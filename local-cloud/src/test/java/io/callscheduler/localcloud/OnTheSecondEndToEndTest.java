package io.callscheduler.localcloud;

import com.fasterxml.jackson.databind.JsonNode;
import io.callscheduler.emulators.LambdaEmulator;
import io.callscheduler.localcloud.testing.LocalCloudExtension;
import io.callscheduler.localcloud.testing.RunningCloud;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;

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
     * Both ways a schedule can fire, side by side to share the wait: calls whose schedules invoke the waiter, and
     * calls whose schedules still name dispatch (made before the waiter existed), which dispatch's own wait dials on
     * the second. The waiter's calls are due about 55 s before the others, so their dispatch runs have all finished while the
     * others' are still waiting: the finished runs counted then are theirs alone.
     */
    @Test
    void callsDialWithinASecondOfTheirTimeThroughTheWaiterOrThroughAScheduleStillNamingDispatch() {
        LambdaEmulator.Runs waiterBefore = runs("DialWaiterFunction");
        LambdaEmulator.Runs dispatchBefore = runs("DispatchFunction");
        List<Instant> viaDispatchTimes = new ArrayList<>();
        // Due 130 s ahead: their schedules (a minute plus the claim lead early) fall in a minute that starts at least 8 s
        // from now, so they cannot fire, and delete themselves, before the test has pointed them at dispatch.
        List<String> viaDispatch = createCalls(2, Instant.now().plusSeconds(130).truncatedTo(ChronoUnit.SECONDS), viaDispatchTimes);
        pointSchedulesAtDispatch(viaDispatch);
        List<Instant> viaWaiterTimes = new ArrayList<>();
        // Not asserted through hasSchedule right after creating: with AWS timing a schedule may fire (and delete
        // itself) at once, when the moment drawn within its minute has already passed. The history tells instead.
        List<String> viaWaiter = createCalls(6, Instant.now().plusSeconds(75).truncatedTo(ChronoUnit.SECONDS), viaWaiterTimes);

        assertDialedOnTheSecondThroughTheSchedule(viaWaiter, viaWaiterTimes);
        await().atMost(Duration.ofSeconds(10)).until(() -> runs("DispatchFunction").count() - dispatchBefore.count() == viaWaiter.size());
        LambdaEmulator.Runs waiter = runs("DialWaiterFunction");
        LambdaEmulator.Runs dispatchAfterWaiter = runs("DispatchFunction");
        assertThat(waiter.count() - waiterBefore.count()).as("one waiter run per call").isEqualTo(viaWaiter.size());
        Duration waiterPerCall = waiter.duration().minus(waiterBefore.duration()).dividedBy(viaWaiter.size());
        Duration dispatchPerWaitedCall = dispatchAfterWaiter.duration().minus(dispatchBefore.duration()).dividedBy(viaWaiter.size());
        // The waiter waits out the early firing (on average half the Scheduler's minute); dispatch only its hand-over.
        assertThat(dispatchPerWaitedCall).as("dispatch's run per call through the waiter").isLessThan(Duration.ofSeconds(4));
        assertThat(waiterPerCall).as("the waiter's run per call").isGreaterThan(Duration.ofSeconds(5));
        System.out.printf(Locale.ROOT, "through the waiter, per call: waiter %d ms (%.2f GB-s at 128 MB), dispatch %d ms (%.2f GB-s at 1024 MB)%n",
                waiterPerCall.toMillis(), gbSecondsPerCall("DialWaiterFunction", waiterBefore, viaWaiter.size()),
                dispatchPerWaitedCall.toMillis(), gbSecondsPerCall("DispatchFunction", dispatchBefore, viaWaiter.size()));

        assertDialedOnTheSecondThroughTheSchedule(viaDispatch, viaDispatchTimes);
        await().atMost(Duration.ofSeconds(10)).until(() -> runs("DispatchFunction").count() - dispatchAfterWaiter.count() == viaDispatch.size());
        assertThat(runs("DialWaiterFunction").count()).as("no waiter run for schedules naming dispatch").isEqualTo(waiter.count());
        Duration dispatchPerCall = runs("DispatchFunction").duration().minus(dispatchAfterWaiter.duration()).dividedBy(viaDispatch.size());
        assertThat(dispatchPerCall).as("dispatch waited itself").isGreaterThan(Duration.ofSeconds(5));
        System.out.printf(Locale.ROOT, "dispatch waiting itself (as before the waiter), per call: dispatch %d ms (%.2f GB-s at 1024 MB)%n",
                dispatchPerCall.toMillis(), gbSecondsPerCall("DispatchFunction", dispatchAfterWaiter, viaDispatch.size()));
    }

    /** Points the calls' schedules, made naming the waiter, at dispatch's alias instead. */
    private static void pointSchedulesAtDispatch(List<String> ids) {
        String group = app().cloud.template().scheduleGroups().get(0);
        String dispatchAlias = app().cloud.lambda().arnOf(functionName("DispatchFunction")) + ":live";
        try (SchedulerClient scheduler = SchedulerClient.builder().endpointOverride(app().cloud.awsUrl())
                .region(Region.US_EAST_1).httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build()) {
            for (String id : ids) {
                GetScheduleResponse schedule = scheduler.getSchedule(r -> r.name("call-" + id).groupName(group));
                assertThat(schedule.target().arn()).endsWith(":function:" + functionName("DialWaiterFunction") + ":live");
                scheduler.updateSchedule(r -> r.name(schedule.name()).groupName(group)
                        .scheduleExpression(schedule.scheduleExpression())
                        .scheduleExpressionTimezone(schedule.scheduleExpressionTimezone())
                        .flexibleTimeWindow(schedule.flexibleTimeWindow()).actionAfterCompletion(schedule.actionAfterCompletion())
                        .target(schedule.target().toBuilder().arn(dispatchAlias).build()));
            }
        }
    }
}
