package io.callscheduler.benchmark;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * When calls dial under the deployment's rules, each in a local cloud of its own started with those rules:
 * pacing against a provider that refuses dials over its rate, lateness while the Scheduler fires anywhere
 * within the minute (as on AWS) with either DialPrecision, and catch-up after the cloud was killed with
 * {@code kill -9} while calls came due.
 */
final class DialRulesMeasurements {
    private final Report report;

    DialRulesMeasurements(Report report) {
        this.report = report;
    }

    /** N calls due in one second with MaxCallsPerSecond=rate, against a simulator that answers 429 above rate. */
    void pacing(int calls, int rate) throws Exception {
        Report.progress("Pacing: " + calls + " calls due in one second, MaxCallsPerSecond=" + rate);
        try (CloudProcess cloud = CloudProcess.start(Files.createTempDirectory("benchmark-pacing"), List.of(),
                List.of("MaxCallsPerSecond=" + rate))) {
            LocalCloudClient client = new LocalCloudClient(cloud);
            client.configureSimulator("{\"latencyMs\":0,\"maxCallsPerSecond\":" + rate + "}");
            Instant due = Instant.now().plusSeconds(8).truncatedTo(ChronoUnit.SECONDS);
            List<String> ids = create(client, calls, due);
            Duration ideal = Duration.ofMillis(1000L * calls / rate);
            Lateness lateness = Lateness.await(client, ids, due, due.plus(ideal).plusSeconds(60));
            JsonNode totals = client.send("GET", cloud.callApi.resolve("/_sim/dials"), null, 200);
            long busiest = totals.path("busiestSecond").asLong();
            long refused = totals.path("totalRequests").asLong() - totals.path("placedCalls").asLong();
            boolean met = busiest <= rate && lateness.exact() && lateness.stats().max() < ideal.plusSeconds(2).toMillis();
            report.row(String.format(Locale.ROOT, "Pacing: %d calls due in one second, MaxCallsPerSecond=%d", calls, rate),
                    "the last dialed " + Stats.ms(lateness.stats().max()) + " after the due second; busiest second " + busiest
                            + " dials", "ideal " + calls + "/" + rate + " = " + Stats.ms(ideal.toMillis()) + "; 429s " + refused
                            + ", duplicates " + lateness.duplicates() + ", missed " + lateness.missed(),
                    Report.verdict(met, "at most " + rate + " a second, all within " + calls + "/" + rate + " s + 2 s"));
        }
    }

    /**
     * N calls spread over a minute (one every 600 ms for 100), far enough ahead to go through their schedules, while
     * the Scheduler fires each schedule somewhere within its minute: DialPrecision=second (the default) next to
     * minute, run side by side. Spread, so that this measures the timing rule, not a burst (measured above).
     */
    void awsSchedulerTiming(int calls) throws Exception {
        Report.progress("Lateness with the Scheduler firing within the minute (as AWS): " + calls
                + " calls over a minute in each of DialPrecision=second and minute, about three minutes");
        try (CloudProcess second = CloudProcess.start(Files.createTempDirectory("benchmark-second"),
                List.of("--scheduler-timing", "aws"), List.of("DialPrecision=second"));
             CloudProcess minute = CloudProcess.start(Files.createTempDirectory("benchmark-minute"),
                     List.of("--scheduler-timing", "aws"), List.of("DialPrecision=minute"))) {
            LocalCloudClient secondClient = new LocalCloudClient(second);
            LocalCloudClient minuteClient = new LocalCloudClient(minute);
            // Beyond the schedule's lead (a minute and the claim lead) plus the time to create them.
            Instant first = Instant.now().plusSeconds(80).truncatedTo(ChronoUnit.SECONDS);
            Duration spacing = Duration.ofMillis(60_000 / calls);
            Map<String, Instant> secondCalls = createSpread(secondClient, calls, first, spacing);
            Map<String, Instant> minuteCalls = createSpread(minuteClient, calls, first, spacing);
            Instant deadline = first.plusSeconds(60 + 120);
            Lateness onTheSecond = Lateness.await(secondClient, secondCalls, deadline);
            Lateness withinTheMinute = Lateness.await(minuteClient, minuteCalls, deadline);
            report.row(String.format(Locale.ROOT, "Dispatch lateness, %d calls over a minute, Scheduler firing within the minute (as AWS), DialPrecision=second", calls),
                    onTheSecond.percentiles(), "DialPrecision=minute: " + withinTheMinute.percentiles() + "; duplicates "
                            + (onTheSecond.duplicates() + withinTheMinute.duplicates()) + ", missed "
                            + (onTheSecond.missed() + withinTheMinute.missed()),
                    Report.verdict(onTheSecond.stats().percentile(99) < 1000 && onTheSecond.exact() && withinTheMinute.exact(),
                            "target p99 < 1 s with second"));
        }
    }

    private static Map<String, Instant> createSpread(LocalCloudClient client, int calls, Instant first, Duration spacing) throws Exception {
        Map<String, Instant> times = new java.util.concurrent.ConcurrentHashMap<>();
        Load.parallel(calls, 16, i -> {
            Instant at = first.plus(spacing.multipliedBy(i));
            times.put(client.createCall(client.nextNumber(), at).path("id").asText(), at);
        });
        if (Instant.now().isAfter(first)) {
            throw new IllegalStateException("creating " + calls + " calls took past the first one's time; lead time too short");
        }
        return times;
    }

    /** N calls come due while the cloud is killed with kill -9; how soon after the restart is ready each is dialed. */
    void restartCatchUp(int calls) throws Exception {
        Report.progress("Restart catch-up: " + calls + " calls, the local cloud killed (kill -9) before they are due");
        Path data = Files.createTempDirectory("benchmark-restart");
        List<String> ids;
        Instant due;
        try (CloudProcess before = CloudProcess.start(data)) {
            LocalCloudClient client = new LocalCloudClient(before);
            due = Instant.now().plusSeconds(4 + calls / 15).truncatedTo(ChronoUnit.SECONDS);
            ids = create(client, calls, due);
            before.kill();
        }
        Duration untilOverdue = Duration.between(Instant.now(), due.plusSeconds(5));
        if (!untilOverdue.isNegative()) {
            Thread.sleep(untilOverdue.toMillis()); // the calls come due while nothing runs: a fixed span, not an outcome
        }
        try (CloudProcess after = CloudProcess.start(data)) {
            LocalCloudClient client = new LocalCloudClient(after);
            Lateness catchUp = Lateness.await(client, ids, after.readyAt, after.readyAt.plusSeconds(60 + calls / 20));
            report.row(String.format(Locale.ROOT, "Restart catch-up: %,d calls overdue after kill -9, dialed after ready", calls),
                    catchUp.percentiles(), "restart ready in " + Stats.ms(after.readyMillis) + "; duplicates " + catchUp.duplicates()
                            + ", missed " + catchUp.missed() + "; " + Report.writeBound(2L * calls, "2 writes a dial"),
                    Report.verdict(catchUp.stats().percentile(99) < 5000 && catchUp.exact(), "target p99 < 5 s of ready, each dialed once"));
        }
    }

    private static List<String> create(LocalCloudClient client, int calls, Instant due) throws Exception {
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        Load.parallel(calls, 16, i -> ids.add(client.createCall(client.nextNumber(), due).path("id").asText()));
        if (Instant.now().isAfter(due)) {
            throw new IllegalStateException("creating " + calls + " calls took past their due time; lead time too short");
        }
        return ids;
    }
}
