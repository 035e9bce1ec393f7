package io.callscheduler.benchmark;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./benchmark.sh [--quick|--full]}: starts the local cloud as a user would ({@code ./local-cloud.sh},
 * its own process), drives it over HTTP and the AWS endpoint only, and prints one table: each server's
 * per-request cost on a kept-alive connection, DynamoDB Local's write ceiling directly and through the AWS
 * endpoint, dispatch lateness, call-now latency, API latency and throughput next to the raw PutItem rate of
 * the same DynamoDB Local, status sync next to its ideal, cold starts next to a bare SDK call, and the local
 * cloud's own start time and memory; then, each in a cloud of its own, pacing against a provider that refuses
 * dials over its rate, lateness while the Scheduler fires within the minute as on AWS (DialPrecision second
 * next to minute), catch-up after a {@code kill -9} with 1,000 calls coming due, and what a dialed call costs
 * on AWS, from the local cloud's own usage counters ({@link CostMeasurements}), a 10,000-row contacts import against
 * DynamoDB Local's own write time ({@link CampaignImportMeasurement}), and a running campaign: its pace, pause to last
 * dial, and a {@code kill -9} mid-campaign ({@link CampaignMeasurements}), and webhooks out: change-to-delivery latency and 1,000
 * events through a two-minute receiver outage ({@link WebhookMeasurements}). Every comparison is between figures measured
 * in the same run. The table
 * is also written to BENCHMARKS.md with the machine it ran on.
 *
 * <p>This class orders the measurements; {@link CloudProcess} runs the local cloud, {@link LocalCloudClient}
 * talks to it, one class per kind of measurement takes its figures, and {@link Report} keeps the table.
 */
public final class Benchmark {
    private final boolean full;
    private final Report report = new Report();

    private Benchmark(boolean full) {
        this.full = full;
    }

    /** The measurements that run in clouds of their own, by the name {@code --only} takes. */
    private static final List<String> RULES = List.of("pacing", "aws-timing", "restart", "costs", "campaign-import", "campaigns", "webhooks", "reports");
    /** {@code --only cold-starts}: the cold-start section alone, in a cloud of its own. */
    private static final String COLD_STARTS = "cold-starts";

    public static void main(String[] args) throws Exception {
        List<String> arguments = List.of(args);
        boolean full = arguments.contains("--full");
        int only = arguments.indexOf("--only");
        String rule = only >= 0 && only + 1 < args.length ? args[only + 1] : null;
        boolean known = arguments.stream().allMatch(a -> a.equals("--full") || a.equals("--quick") || a.equals("--only")
                || a.equals(rule));
        if (!known || (only >= 0 && !RULES.contains(rule) && !COLD_STARTS.equals(rule))) {
            System.err.println("usage: ./benchmark.sh [--quick|--full] [--only " + String.join("|", RULES) + "|" + COLD_STARTS + "]");
            System.err.println("  quick (the default) takes about thirty-five minutes, full about forty-five; --only runs one of the");
            System.err.println("  measurements that start a cloud of their own, and puts its rows into BENCHMARKS.md in place of");
            System.err.println("  the same rows of the last run (saying so under its heading)");
            System.exit(2);
        }
        try {
            if (rule != null) {
                Benchmark benchmark = new Benchmark(full);
                benchmark.runRule(rule);
                System.out.println(benchmark.report.table());
                benchmark.report.update(rule);
            } else {
                new Benchmark(full).run();
            }
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private void run() throws Exception {
        long started = System.nanoTime();
        Report.progress("Benchmark (" + (full ? "full" : "quick") + " mode) on " + Report.machine());
        CloudProcess cloud = CloudProcess.start(Files.createTempDirectory("benchmark-cloud"));
        LocalCloudClient client = new LocalCloudClient(cloud);
        report.row("Local cloud: command to ready", String.format(Locale.ROOT, "%.1f s", cloud.readyMillis / 1000.0),
                "its own figure: " + cloud.selfReportedReady, Report.verdict(cloud.readyMillis < 15_000, "target < 15 s"));
        Thread.sleep(3000); // a settling period (first status-sync run, JIT warm-up) before the idle reading
        long idleRss = cloud.rssKb();
        report.row("Local cloud: resident memory, idle", Report.mb(idleRss), "", "");
        PeakMemory peak = PeakMemory.sample(cloud);
        try {
            ServerMeasurements servers = new ServerMeasurements(client, report);
            servers.keepAliveOverhead();
            servers.putItemPaths();
            DispatchMeasurements dispatch = new DispatchMeasurements(client, report);
            dispatch.lateness(full ? new int[]{100, 1000, 5000} : new int[]{100, 1000});
            report.row("Local cloud: resident memory, peak under the " + (full ? "5,000" : "1,000") + "-call load",
                    Report.mb(peak.kb()), "idle: " + Report.mb(idleRss), String.format(Locale.ROOT, "×%.1f", peak.kb() / (double) idleRss));
            dispatch.callNow(full ? 200 : 50);
            if (full) {
                new OutageMeasurement(client, report).outage(30, Duration.ofSeconds(30), Duration.ofSeconds(60));
            }
            new ApiMeasurements(client, report).api(full ? Duration.ofSeconds(10) : Duration.ofSeconds(2));
            new StatusSyncMeasurement(client, report).statusSync(full ? new int[]{1000, 10000} : new int[]{1000});
            new ColdStartMeasurements(client, report).coldStarts(full ? 3 : 1);
        } finally {
            peak.stop();
            cloud.close();
        }
        // Each with a local cloud of its own, started with its rules, after the main one has stopped.
        for (String rule : RULES) {
            runRule(rule);
        }
        String table = report.table();
        System.out.println();
        System.out.println(table);
        report.write(table, full, Duration.ofNanos(System.nanoTime() - started));
    }

    private void runRule(String rule) throws Exception {
        DialRulesMeasurements rules = new DialRulesMeasurements(report);
        switch (rule) {
            case COLD_STARTS -> {
                try (CloudProcess cloud = CloudProcess.start(Files.createTempDirectory("benchmark-cloud"))) {
                    new ColdStartMeasurements(new LocalCloudClient(cloud), report).coldStarts(full ? 3 : 1);
                }
            }
            case "pacing" -> rules.pacing(60, 5);
            case "aws-timing" -> rules.awsSchedulerTiming(100);
            case "restart" -> rules.restartCatchUp(1000);
            case "costs" -> new CostMeasurements(report).costs(20);
            case "campaign-import" -> new CampaignImportMeasurement(report).importContacts();
            case "campaigns" -> {
                // 5 a second, as the pacing row: whether this 2-core machine sustains it (with the cloud, the runner and the
                // callbacks in one JVM) is what the first row says.
                CampaignMeasurements campaigns = new CampaignMeasurements(report);
                campaigns.paceAndPause(5, 3, 0);  // the campaign's own pace (no deployment limit: the generic provider's default)
                campaigns.paceAndPause(5, 0, 10); // and under a deployment pacer at twice its rate
                campaigns.killMidCampaign(5, 200);
            }
            case "webhooks" -> new WebhookMeasurements(report).measure(200, 1000);
            case "reports" -> new ReportMeasurement(report).reportLatency();
            default -> throw new IllegalArgumentException(rule);
        }
    }

    /** The local cloud's resident memory, sampled every 250 ms on a daemon thread; the highest reading. */
    private static final class PeakMemory {
        private final Thread sampler;
        private volatile long peakKb;

        private PeakMemory(CloudProcess cloud) {
            sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peakKb = Math.max(peakKb, cloud.rssKb());
                    try {
                        Thread.sleep(250);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "rss-sampler");
            sampler.setDaemon(true);
        }

        static PeakMemory sample(CloudProcess cloud) {
            PeakMemory peak = new PeakMemory(cloud);
            peak.sampler.start();
            return peak;
        }

        long kb() {
            return peakKb;
        }

        void stop() {
            sampler.interrupt();
        }
    }
}
