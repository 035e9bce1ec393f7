package io.callscheduler.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import io.callscheduler.reports.EndedCall;
import io.callscheduler.reports.Outcome;
import io.callscheduler.reports.OutcomeCounts;
import io.callscheduler.reports.Rollups;
import io.callscheduler.reports.dynamodb.OutcomeItems;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The report row: {@code GET /reports/outcomes} over the aggregates of 100,000 ended calls (30 days up to now,
 * 4 callee zones, 6 campaigns, 3 caller IDs), asked over HTTP of the local cloud as the page asks it. The buckets are
 * written whole, as counting those calls one by one leaves them (the counting itself is the stream function's, tested
 * against the call records by OutcomeTotalsTest; 100,000 counts one by one would take the row most of an hour here);
 * the report must then total exactly 100,000 calls. Same-run reference: {@code GET /calls?limit=1}, one Query.
 */
final class ReportMeasurement {
    static final int CALLS = 100_000;
    private static final Duration SPAN = Duration.ofDays(30);
    private static final Duration TARGET = Duration.ofSeconds(1);
    private static final String TABLE = "call-scheduler-CallsTable";
    private static final int WRITERS = 4;
    private final Report report;

    ReportMeasurement(Report report) {
        this.report = report;
    }

    void reportLatency() throws Exception {
        Report.progress(String.format(Locale.ROOT, "Outcome report: the buckets of %,d ended calls over 30 days, then GET /reports/outcomes", CALLS));
        try (CloudProcess cloud = CloudProcess.start(Files.createTempDirectory("benchmark-reports"))) {
            LocalCloudClient client = new LocalCloudClient(cloud);
            Instant to = Instant.now().truncatedTo(ChronoUnit.HOURS);
            Instant from = to.minus(SPAN);
            Map<Rollups.Placement, OutcomeCounts> buckets = buckets(from);
            long loadStarted = System.nanoTime();
            load(client.dynamoDb, buckets);
            Report.progress(String.format(Locale.ROOT, "  %,d buckets (five rollups) written in %.0f s", buckets.size(),
                    (System.nanoTime() - loadStarted) / 1e9));

            String range = "from=" + encode(from.toString()) + "&to=" + encode(to.toString());
            Stats byHour = timed(client, cloud.api.resolve("/reports/outcomes?groupBy=hourOfDay&zone=callee&" + range), CALLS);
            Stats byDay = timed(client, cloud.api.resolve("/reports/outcomes?groupBy=day&zone=Europe%2FParis&" + range), CALLS);
            Stats byCampaign = timed(client, cloud.api.resolve("/reports/outcomes?groupBy=campaign&" + range), CALLS);
            Stats oneCampaign = timed(client, cloud.api.resolve("/reports/outcomes?groupBy=dayOfWeek&campaignId=campaign-3&" + range), -1);
            Stats reference = timed(client, cloud.api.resolve("/calls?limit=1"), -1);
            report.row(String.format(Locale.ROOT, "Outcome report over %,d ended calls, 30 days (GET /reports/outcomes, p50 / p90 of 10)", CALLS),
                    String.format(Locale.ROOT, "by hour of day (callee): %s / %s; by day (Europe/Paris): %s / %s; by campaign: %s / %s;"
                                    + " one campaign by weekday: %s / %s",
                            Stats.ms(byHour.percentile(50)), Stats.ms(byHour.percentile(90)), Stats.ms(byDay.percentile(50)), Stats.ms(byDay.percentile(90)),
                            Stats.ms(byCampaign.percentile(50)), Stats.ms(byCampaign.percentile(90)), Stats.ms(oneCampaign.percentile(50)), Stats.ms(oneCampaign.percentile(90))),
                    String.format(Locale.ROOT, "%,d buckets in the table; totals = %,d calls; GET /calls?limit=1: %s", buckets.size(), CALLS,
                            Stats.ms(reference.percentile(50))),
                    Report.verdict(byHour.percentile(90) <= TARGET.toMillis() && byDay.percentile(90) <= TARGET.toMillis(), "p90 ≤ 1 s"));
        }
    }

    /** Ten timed requests after two warm-ups; the answer's total checked when {@code expectedCalls} is not negative. */
    private static Stats timed(LocalCloudClient client, URI uri, long expectedCalls) {
        for (int warmUp = 0; warmUp < 2; warmUp++) {
            JsonNode answer = client.send("GET", uri, null, 200);
            long calls = answer.path("totals").path("calls").asLong();
            if (expectedCalls >= 0 && calls != expectedCalls) {
                throw new IllegalStateException(uri + " totalled " + calls + " calls, not " + expectedCalls + ": " + answer.path("totals"));
            }
        }
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            long started = System.nanoTime();
            client.send("GET", uri, null, 200);
            millis.add((System.nanoTime() - started) / 1_000_000);
        }
        return Stats.of(millis);
    }

    /** BatchWriteItem of 25 from a few threads: the load is not what is measured. */
    private static void load(DynamoDbClient dynamoDb, Map<Rollups.Placement, OutcomeCounts> buckets) throws Exception {
        List<WriteRequest> all = new ArrayList<>();
        buckets.forEach((placed, counts) -> all.add(WriteRequest.builder().putRequest(PutRequest.builder()
                .item(OutcomeItems.item(placed.rollup(), placed.key(), counts)).build()).build()));
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int from = 0; from < all.size(); from += 25) {
                List<WriteRequest> batch = all.subList(from, Math.min(all.size(), from + 25));
                done.add(writers.submit(() -> write(dynamoDb, batch)));
            }
            for (Future<?> each : done) {
                each.get();
            }
        } finally {
            writers.shutdown();
        }
    }

    private static void write(DynamoDbClient dynamoDb, List<WriteRequest> batch) {
        Map<String, List<WriteRequest>> pending = Map.of(TABLE, batch);
        while (!pending.isEmpty()) {
            Map<String, List<WriteRequest>> request = pending;
            pending = dynamoDb.batchWriteItem(r -> r.requestItems(request)).unprocessedItems();
        }
    }

    /** The buckets 100,000 calls ending at random over 30 days leave, as counting them would (seeded: the same mix every run). */
    private static Map<Rollups.Placement, OutcomeCounts> buckets(Instant start) {
        Random random = new Random(23);
        List<ZoneId> zones = List.of(ZoneId.of("America/New_York"), ZoneId.of("Europe/London"), ZoneId.of("Asia/Kolkata"),
                ZoneId.of("America/Los_Angeles"));
        List<String> callerIds = Arrays.asList(null, "+14155550001", "+14155550002");
        Map<Rollups.Placement, OutcomeCounts> buckets = new HashMap<>();
        for (int i = 0; i < CALLS; i++) {
            Instant endedAt = start.plusSeconds((long) (random.nextDouble() * (SPAN.toSeconds() - 1)));
            Outcome outcome = Outcome.values()[random.nextInt(Outcome.values().length)];
            int campaign = random.nextInt(6);
            EndedCall call = new EndedCall("call-" + i, endedAt, outcome, campaign == 0 ? null : "campaign-" + campaign,
                    callerIds.get(random.nextInt(3)), zones.get(random.nextInt(zones.size())),
                    outcome == Outcome.COMPLETED ? random.nextInt(600) : null,
                    outcome == Outcome.COMPLETED ? (long) random.nextInt(40) : null,
                    random.nextBoolean() ? null : random.nextInt(5) == 0, 1 + random.nextInt(2));
            for (Rollups.Placement placed : Rollups.of(call)) {
                buckets.computeIfAbsent(placed, key -> new OutcomeCounts()).add(OutcomeCounts.of(call));
            }
        }
        return buckets;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
