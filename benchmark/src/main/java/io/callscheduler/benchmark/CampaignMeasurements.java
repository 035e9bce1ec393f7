package io.callscheduler.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * A running campaign, in a local cloud of its own ({@code --only campaigns}): the dials a second it sustains at its
 * maxCallsPerSecond over two minutes, from the simulator's request times; how soon after a pause's answer the last
 * dial starts; and a {@code kill -9} of the whole cloud mid-campaign, restarted on the same data, counted from the
 * provider's own journal of placed calls. The cloud runs its template's schedules at their rate (the runner every
 * minute, as on AWS), its MaxCallsPerSecond above the campaign's so that only the campaign's pace limits, its calling
 * hours open all day, and the simulator ends each call within half a second so that lines never limit.
 */
final class CampaignMeasurements {
    /** Whatever the runner's own rate, as the template has it (the benchmark's other clouds slow it to an hour). */
    private static final List<String> OPTIONS = List.of("--status-sync-every", "1m");
    private static final String QUICK_CALLS = "{\"latencyMs\":0,\"ringAfterMs\":0,\"answerAfterMs\":100,\"talkMs\":200,"
            + "\"busyShare\":0,\"noAnswerShare\":0,\"failedShare\":0}";
    private static final Duration WINDOW = Duration.ofSeconds(120);
    private static final Duration PAUSE_TARGET = Duration.ofSeconds(5);
    /**
     * When the status sync takes a DIALING call's dispatch for dead (SyncSettings.staleDialAfter): the longest the wait
     * may take, should the restart's reclaim at once not happen.
     */
    private static final Duration STALE_DIAL = Duration.ofMinutes(5);
    private final Report report;

    CampaignMeasurements(Report report) {
        this.report = report;
    }

    private static List<String> parameters(int deploymentRate) {
        return List.of("MaxCallsPerSecond=" + deploymentRate);
    }

    /**
     * Rows a and b: N dials a second over two minutes, then a few pauses while it runs (none: row a alone), then the
     * rest dialed.
     *
     * @param deploymentRate the deployment's MaxCallsPerSecond: 0 (none, the generic provider's default) measures the
     *                       campaign's own pace alone; above the campaign's, the deployment's pacer is on its way too
     */
    void paceAndPause(int rate, int pauses, int deploymentRate) throws Exception {
        int contacts = rate * (int) (WINDOW.toSeconds() + 20);
        Report.progress("Campaign pace: " + contacts + " contacts at maxCallsPerSecond=" + rate + " (the deployment's "
                + "MaxCallsPerSecond " + deploymentRate + "), two minutes measured, then " + pauses + " pauses; about four minutes");
        Path data = Files.createTempDirectory("benchmark-campaign");
        try (CloudProcess cloud = CloudProcess.start(data, OPTIONS, parameters(deploymentRate))) {
            LocalCloudClient client = new LocalCloudClient(cloud);
            client.configureSimulator(QUICK_CALLS);
            CampaignDriver campaign = CampaignDriver.create(client, "Benchmark pace", rate, contacts, 3_000_000);
            campaign.command("start");
            await(Duration.ofSeconds(60), () -> !campaign.dialRequests().isEmpty(), "the campaign's first dial");
            Instant first = campaign.dialRequests().get(0);
            Instant end = first.plus(WINDOW);
            await(WINDOW.plusSeconds(30), () -> Instant.now().isAfter(end.plusSeconds(1)), "the end of the window");
            reportPace(rate, deploymentRate, campaign.dialRequests(), first);
            if (pauses == 0) {
                return;
            }

            List<Long> pauseToLastDial = new ArrayList<>();
            for (int i = 0; i < pauses; i++) {
                Instant answered = campaign.command("pause");
                Thread.sleep(PAUSE_TARGET.plusSeconds(3).toMillis()); // the span observed after the pause: a fixed window
                List<Instant> requests = campaign.dialRequests();
                pauseToLastDial.add(Duration.between(answered, requests.get(requests.size() - 1)).toMillis());
                Instant resumed = campaign.command("resume");
                await(Duration.ofSeconds(20), () -> campaign.dialRequests().stream().anyMatch(t -> t.isAfter(resumed)),
                        "a dial after the resume");
                Thread.sleep(2000); // let it run a little before the next pause
            }
            within(Duration.ofSeconds(contacts / rate + 120), () -> campaign.placedCalls() >= contacts); // counted below either way
            Exactness dialed = Exactness.of(campaign.numbers, CampaignDriver.placedByNumber(data));
            Stats stats = Stats.of(pauseToLastDial);
            report.row(String.format(Locale.ROOT, "Campaign: pause to its last dial, %d pauses at %d/s", pauses, rate),
                    "p50 " + Stats.ms(stats.percentile(50)) + ", max " + Stats.ms(stats.max()),
                    "from the pause's 200 to the last dial request at the simulator (negative: none after it); resumed each "
                            + "time, then all " + contacts + " contacts: " + dialed,
                    Report.verdict(stats.max() <= PAUSE_TARGET.toMillis() && dialed.exact(), "no dial later than 5 s after the pause, each contact dialed once"));
        }
    }

    private void reportPace(int rate, int deploymentRate, List<Instant> requests, Instant first) {
        int seconds = (int) WINDOW.toSeconds();
        int[] perSecond = new int[seconds];
        for (Instant request : requests) {
            long second = Duration.between(first, request).toMillis() / 1000;
            if (second < seconds) {
                perSecond[(int) second]++;
            }
        }
        int total = 0;
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (int count : perSecond) {
            total += count;
            min = Math.min(min, count);
            max = Math.max(max, count);
        }
        double mean = total / (double) seconds;
        long busiest = busiestSlidingSecond(requests, first);
        boolean met = Math.abs(mean - rate) <= 0.05 * rate && max <= rate;
        report.row(String.format(Locale.ROOT, "Campaign: dials a second at maxCallsPerSecond=%d, %d s after its first dial, "
                        + "the deployment's MaxCallsPerSecond %s", rate, seconds, deploymentRate == 0 ? "0 (none)" : deploymentRate),
                String.format(Locale.ROOT, "mean %.2f, min %d, max %d a second", mean, min, max),
                total + " dials in the whole seconds from the first; busiest sliding 1 s window " + busiest
                        + "; machine load average (1 min) at the end " + loadAverage(),
                Report.verdict(met, rate + " ± 5% over " + seconds + " s, ≤ " + rate + " in any second"));
    }

    /** The machine's 1-minute load average: on 2 cores, anything else running slows the cloud's every step. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    /** The most requests within any 1,000 ms, however placed: a stricter reading than whole seconds. */
    private long busiestSlidingSecond(List<Instant> requests, Instant first) {
        List<Long> in = requests.stream().filter(t -> t.isBefore(first.plus(WINDOW))).map(Instant::toEpochMilli).toList();
        long busiest = 0;
        for (int end = 0, start = 0; end < in.size(); end++) {
            while (in.get(end) - in.get(start) >= 1000) {
                start++;
            }
            busiest = Math.max(busiest, end - start + 1);
        }
        return busiest;
    }

    /** Row c: kill -9 of the local cloud after a third of the contacts were dialed; restarted on the same data. */
    void killMidCampaign(int rate, int contacts) throws Exception {
        Report.progress("Campaign kill -9: " + contacts + " contacts at " + rate + "/s, the local cloud killed after a third, restarted");
        Path data = Files.createTempDirectory("benchmark-campaign-kill");
        String id;
        List<String> numbers;
        long placedBefore;
        try (CloudProcess before = CloudProcess.start(data, OPTIONS, parameters(2 * rate))) {
            LocalCloudClient client = new LocalCloudClient(before);
            client.configureSimulator(QUICK_CALLS);
            CampaignDriver campaign = CampaignDriver.create(client, "Benchmark restart", rate, contacts, 4_000_000);
            id = campaign.id;
            numbers = campaign.numbers;
            campaign.command("start");
            await(Duration.ofSeconds(contacts / rate + 60), () -> campaign.placedCalls() >= contacts / 3, "a third dialed");
            before.kill();
            placedBefore = CampaignDriver.placedByNumber(data).values().stream().mapToInt(Integer::intValue).sum();
        }
        try (CloudProcess after = CloudProcess.start(data, OPTIONS, parameters(2 * rate))) {
            LocalCloudClient client = new LocalCloudClient(after);
            client.configureSimulator(QUICK_CALLS);
            CampaignDriver campaign = CampaignDriver.reattach(client, id, numbers);
            // DIALING at the restart: placed calls whose callbacks the kill lost (polled by the next status sync) and dials
            // cut mid-request, which the first status sync after the restart reclaims (the old process is dead).
            long dialingAtRestart = campaign.campaign().path("progress").path("counts").path("dialing").asLong();
            // The remaining contacts at the pace, the reclaim of those, and a runner's minute to see the campaign done.
            boolean finished = within(Duration.ofSeconds(contacts / rate).plus(STALE_DIAL).plusSeconds(120),
                    () -> campaign.campaign().path("state").asText().equals("COMPLETED"));
            Duration toFinish = Duration.between(after.readyAt, Instant.now());
            List<Instant> requests = campaign.dialRequests();
            String lastDial = requests.isEmpty() ? "no dial after it"
                    : "last dial " + Stats.ms(Duration.between(after.readyAt, requests.get(requests.size() - 1)).toMillis());
            Exactness dialed = Exactness.of(numbers, CampaignDriver.placedByNumber(data));
            long sum = campaign.countsSum();
            long completed = campaign.campaign().path("progress").path("counts").path("completed").asLong();
            report.row(String.format(Locale.ROOT, "Campaign: kill -9 mid-campaign (%d contacts at %d/s), restart", contacts, rate),
                    dialed + "; counts sum " + sum + " of " + contacts,
                    "killed after " + placedBefore + " placed, " + dialingAtRestart + " DIALING at the restart (a dial cut mid-request is "
                            + "reclaimed by the first status sync after it); restart ready in " + Stats.ms(after.readyMillis) + "; after ready: "
                            + lastDial + ", " + (finished ? "COMPLETED " + Stats.ms(toFinish.toMillis()) : "not COMPLETED after "
                            + Stats.ms(toFinish.toMillis()) + " (" + campaign.campaign().path("state").asText() + ")")
                            + "; completed " + completed,
                    Report.verdict(finished && dialed.exact() && sum == contacts, "every contact dialed once, none lost, counts add up"));
        }
    }

    /** How many of the contacts the provider placed exactly once, more than once, never. */
    record Exactness(int once, int twice, int never) {
        static Exactness of(List<String> numbers, Map<String, Integer> placed) {
            int once = 0;
            int twice = 0;
            int never = 0;
            for (String number : numbers) {
                int count = placed.getOrDefault(number, 0);
                if (count == 0) {
                    never++;
                } else if (count == 1) {
                    once++;
                } else {
                    twice++;
                }
            }
            return new Exactness(once, twice, never);
        }

        boolean exact() {
            return twice == 0 && never == 0;
        }

        @Override
        public String toString() {
            return "dialed once " + once + ", twice or more " + twice + ", never " + never;
        }
    }

    /** Polls (every 250 ms) until the condition holds; fails the measurement past the limit. */
    private static void await(Duration limit, BooleanSupplier condition, String what) throws InterruptedException {
        if (!within(limit, condition)) {
            throw new IllegalStateException("waited " + limit.toSeconds() + " s for " + what);
        }
    }

    /** Whether the condition came to hold within the limit, polled every 250 ms. */
    private static boolean within(Duration limit, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            Thread.sleep(250); // polling the outcome, not waiting blindly
        }
        return true;
    }
}
