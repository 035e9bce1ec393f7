package io.callscheduler.reports.dynamodb;

import io.callscheduler.reports.EndedCall;
import io.callscheduler.reports.Outcome;
import io.callscheduler.reports.OutcomeCounts;
import io.callscheduler.reports.OutcomeReport;
import io.callscheduler.reports.OutcomeReports;
import io.callscheduler.reports.ReportRequest;
import io.callscheduler.reports.Rollups;
import io.callscheduler.testing.LocalAws;
import io.callscheduler.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report query's latency over the aggregates of 100,000 ended calls (30 days, 4 callee zones, 6 campaigns, 3 caller
 * IDs), on DynamoDB Local over HTTP as the tests run it. The buckets are loaded whole (what counting the calls one by
 * one leaves, without the hours that would take); the report is then asked as the API asks it.
 * Run: {@code mvn -o -pl functions test -Dtest=OutcomeReportLatencyTest -Dreports.benchmark=true}.
 */
@EnabledIfSystemProperty(named = "reports.benchmark", matches = "true")
class OutcomeReportLatencyTest {
    private static final LocalAws aws = LocalAws.get();
    private static final int CALLS = 100_000;
    /** The 30 days up to today's midnight UTC. */
    private static final Instant START = LocalDate.now(ZoneOffset.UTC).minusDays(30).atStartOfDay(ZoneOffset.UTC).toInstant();
    private static final Duration SPAN = Duration.ofDays(30);

    private DynamoDbOutcomeAggregates aggregates;

    @Test
    void reportOver100000EndedCalls() {
        String table = aws.newCallsTable();
        aggregates = new DynamoDbOutcomeAggregates(aws.dynamoDb(), table);
        Map<Rollups.Placement, OutcomeCounts> buckets = buckets();
        long loadStarted = System.nanoTime();
        List<WriteRequest> batch = new ArrayList<>();
        for (var bucket : buckets.entrySet()) {
            batch.add(WriteRequest.builder().putRequest(PutRequest.builder()
                    .item(OutcomeItems.item(bucket.getKey().rollup(), bucket.getKey().key(), bucket.getValue())).build()).build());
            if (batch.size() == 25) {
                write(table, batch);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            write(table, batch);
        }
        System.out.printf("reports benchmark: %,d calls in %,d buckets (five rollups), loaded in %.1f s%n", CALLS, buckets.size(),
                (System.nanoTime() - loadStarted) / 1e9);

        OutcomeReports reports = new OutcomeReports(aggregates);
        MutableClock clock = new MutableClock(START.plus(SPAN));
        measure(reports, clock, "30 days by hourOfDay (callee)", Map.of("groupBy", "hourOfDay"), CALLS);
        measure(reports, clock, "30 days by day (Europe/Paris)", Map.of("groupBy", "day", "zone", "Europe/Paris"), CALLS);
        measure(reports, clock, "30 days by campaign", Map.of("groupBy", "campaign"), CALLS);
        measure(reports, clock, "30 days, one campaign, by dayOfWeek", Map.of("groupBy", "dayOfWeek", "campaignId", "campaign-3"), -1);
        measure(reports, clock, "last 7 days by hourOfDay", Map.of("groupBy", "hourOfDay",
                "from", START.plus(SPAN).minus(Duration.ofDays(7)).toString()), -1);
    }

    private void measure(OutcomeReports reports, MutableClock clock, String what, Map<String, String> query,
                         long expectedCalls) {
        Map<String, String> full = new HashMap<>(query);
        full.putIfAbsent("from", START.toString());
        full.put("to", START.plus(SPAN).toString());
        OutcomeReport report = reports.report(ReportRequest.parse(full, clock)); // warm-up (twice)
        reports.report(ReportRequest.parse(full, clock));
        if (expectedCalls >= 0) {
            assertThat(report.totals().calls()).isEqualTo(expectedCalls);
        }
        long[] millis = new long[10];
        for (int i = 0; i < millis.length; i++) {
            long started = System.nanoTime();
            reports.report(ReportRequest.parse(full, clock));
            millis[i] = (System.nanoTime() - started) / 1_000_000;
        }
        Arrays.sort(millis);
        ReportRequest request = ReportRequest.parse(full, clock);
        int read = aggregates.buckets(Rollups.answering(request), request.from(), request.to()).size();
        System.out.printf("reports benchmark: %-38s %,7d calls from %,6d buckets  median %4d ms  p90 %4d ms  max %4d ms%n",
                what, report.totals().calls(), read, millis[5], millis[8], millis[9]);
    }

    private static void write(String table, List<WriteRequest> batch) {
        Map<String, List<WriteRequest>> pending = Map.of(table, batch);
        while (!pending.isEmpty()) {
            Map<String, List<WriteRequest>> request = pending;
            pending = aws.dynamoDb().batchWriteItem(r -> r.requestItems(request)).unprocessedItems();
        }
    }

    /** The buckets 100,000 calls ending at random over 30 days leave, as {@code count} would (seeded: the same every run). */
    private static Map<Rollups.Placement, OutcomeCounts> buckets() {
        Random random = new Random(23);
        List<ZoneId> zones = List.of(ZoneId.of("America/New_York"), ZoneId.of("Europe/London"), ZoneId.of("Asia/Kolkata"),
                ZoneId.of("America/Los_Angeles"));
        List<String> callerIds = Arrays.asList(null, "+14155550001", "+14155550002");
        Map<Rollups.Placement, OutcomeCounts> buckets = new HashMap<>();
        for (int i = 0; i < CALLS; i++) {
            Instant endedAt = START.plusSeconds((long) (random.nextDouble() * SPAN.toSeconds()));
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
}
