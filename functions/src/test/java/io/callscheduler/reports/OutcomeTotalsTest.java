package io.callscheduler.reports;

import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import io.callscheduler.events.dynamodb.TableStream;
import io.callscheduler.model.Call;
import io.callscheduler.model.CallScript;
import io.callscheduler.model.CallStatus;
import io.callscheduler.model.ProviderProgress;
import io.callscheduler.reports.dynamodb.DynamoDbOutcomeAggregates;
import io.callscheduler.store.dynamodb.DynamoDbCallStore;
import io.callscheduler.store.dynamodb.ItemImages;
import io.callscheduler.testing.LocalAws;
import io.callscheduler.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The aggregates against the calls themselves, on DynamoDB Local with the real call store and the table's real stream:
 * after a run with every outcome, redials, cancels (from waiting and from a redial's wait), do-not-call withdrawals,
 * answering-machine detection, campaigns, caller IDs and callee zones half an hour off UTC, each report equals what
 * counting the call records under the same filter gives; processing the stream again, or an ended call written again,
 * changes nothing.
 */
class OutcomeTotalsTest {
    private static final LocalAws aws = LocalAws.get();
    private static final Instant START = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofMinutes(20));
    private static final List<String> CAMPAIGNS = java.util.Arrays.asList(null, "c-7f0a", "c-91b2");
    private static final List<String> CALLER_IDS = java.util.Arrays.asList(null, "+14155550001", "+442071838750");
    private static final List<String> ZONES = List.of("America/New_York", "Asia/Kolkata", "Europe/London", "Australia/Adelaide");

    private final MutableClock clock = new MutableClock(START);
    private final String table = aws.newCallsTable();
    private final TableStream stream = new TableStream(aws, table);
    private final DynamoDbCallStore calls = new DynamoDbCallStore(aws.dynamoDb(), table);
    private final DynamoDbOutcomeAggregates aggregates = new DynamoDbOutcomeAggregates(aws.dynamoDb(), table);
    private final OutcomeRecorder recorder = new OutcomeRecorder(aggregates, clock);
    private final OutcomeReports reports = new OutcomeReports(aggregates);

    @AfterEach
    void closeStream() {
        stream.close();
    }

    @Test
    void everyReportEqualsACountOfTheCallRecordsUnderTheSameFilterAndRetriesCountNothingTwice() {
        List<Call> ended = run(96);
        // Calls still open (one waiting, one on the phone) and one that ended before the range: counted by no report.
        Call waiting = insert(900, null, null, "Europe/London");
        Call talking = claim(insert(901, null, null, "Europe/London"));
        calls.replace(talking, talking.moveTo(CallStatus.IN_PROGRESS, clock.instant(), "answered"));
        assertThat(waiting.status()).isEqualTo(CallStatus.SCHEDULED);

        List<StreamRecord> records = stream.records();
        for (int from = 0; from < records.size(); from += 100) { // batches as the event source mapping sends them
            assertThat(recorder.record(records.subList(from, Math.min(records.size(), from + 100)))).isEmpty();
        }
        // Whole hours, as a report reads them; leaves out the calls that ended in the first hour and a half.
        Instant from = START.plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.HOURS);
        Instant to = clock.instant().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.HOURS);
        assertReportsMatchRecords(from, to);
        assertThat(aggregates.asOf()).isPresent();

        // The whole stream again (a retried batch, a mapping made again at TRIM_HORIZON): nothing counts twice.
        assertThat(recorder.record(records)).isEmpty();
        // An ended call written again (a late callback noted): a new record of the same end, counted nothing.
        Call completed = ended.stream().filter(c -> c.status() == CallStatus.COMPLETED).findFirst().orElseThrow();
        calls.replace(completed, completed.note(clock.instant(), "late callback: completed"));
        List<StreamRecord> again = stream.records();
        assertThat(recorder.record(again.subList(records.size(), again.size()))).isEmpty();
        assertReportsMatchRecords(from, to);
    }

    @Test
    void aCallCountedTwiceAtOnceIsCountedOnce() throws Exception {
        EndedCall call = new EndedCall(UUID.randomUUID().toString(), START, Outcome.BUSY, null, null, ZoneId.of("UTC"),
                null, null, null, 1);
        var pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Boolean>> counts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                counts.add(() -> aggregates.count(call));
            }
            List<Boolean> counted = new ArrayList<>();
            for (var result : pool.invokeAll(counts)) {
                counted.add(result.get());
            }
            assertThat(counted).containsOnlyOnce(true);
        } finally {
            pool.shutdownNow();
        }
        assertThat(aggregates.buckets(Rollups.ALL, START.truncatedTo(ChronoUnit.HOURS), START.plus(Duration.ofHours(1))))
                .singleElement().satisfies(bucket -> assertThat(bucket.counts().calls()).isEqualTo(1));
    }

    @Test
    void asOfOnlyMovesForward() {
        aggregates.advanceAsOf(START.plusSeconds(60));
        aggregates.advanceAsOf(START); // an older shard's batch, or a retry
        assertThat(aggregates.asOf()).contains(START.plusSeconds(60));
        aggregates.advanceAsOf(START.plusSeconds(61));
        assertThat(aggregates.asOf()).contains(START.plusSeconds(61));
    }

    private void assertReportsMatchRecords(Instant from, Instant to) {
        List<Call> records = storedCalls();
        Predicate<Call> inRange = c -> c.status().isTerminal() && !c.endedAt().isBefore(from) && c.endedAt().isBefore(to);
        assertThat(records.stream().filter(inRange).count()).as("the run has calls in range").isGreaterThan(60);
        assertThat(records.stream().filter(c -> c.status().isTerminal() && c.endedAt().isBefore(from)).count())
                .as("and calls before it").isPositive();

        OutcomeReport byHour = report(from, to, "hourOfDay", null);
        assertThat(byHour.totals()).isEqualTo(expected(records, inRange));
        for (OutcomeReport.Row row : byHour.rows()) {
            int hour = (Integer) row.key();
            assertThat(row.counts()).as("hour " + hour + " in the callee's time").isEqualTo(expected(records, inRange.and(c ->
                    LocalDateTime.ofInstant(c.endedAt(), EndedCall.of(c).orElseThrow().calleeZone()).getHour() == hour)));
        }
        for (OutcomeReport.Row row : report(from, to, "dayOfWeek", Map.of("zone", "America/Chicago")).rows()) {
            assertThat(row.counts()).as(row.key() + " in Chicago").isEqualTo(expected(records, inRange.and(c ->
                    c.endedAt().truncatedTo(ChronoUnit.HOURS).atZone(ZoneId.of("America/Chicago")).getDayOfWeek().name()
                            .equals(row.key()))));
        }
        OutcomeReport byCampaign = report(from, to, "campaign", null);
        assertThat(byCampaign.rows()).extracting(OutcomeReport.Row::key).containsExactly(null, "c-7f0a", "c-91b2");
        for (OutcomeReport.Row row : byCampaign.rows()) {
            assertThat(row.counts()).isEqualTo(expected(records, inRange.and(c -> Objects.equals(c.campaignId(), row.key()))));
        }
        OutcomeReport oneCampaignByCaller = report(from, to, "callerId", Map.of("campaignId", "c-91b2"));
        assertThat(oneCampaignByCaller.totals()).isEqualTo(expected(records, inRange.and(c -> "c-91b2".equals(c.campaignId()))));
        for (OutcomeReport.Row row : oneCampaignByCaller.rows()) {
            assertThat(row.counts()).isEqualTo(expected(records, inRange.and(c -> "c-91b2".equals(c.campaignId())
                    && Objects.equals(c.script().callerId(), row.key()))));
        }
    }

    /** The counts of the records that pass {@code filter}, counted from the call records themselves. */
    private static OutcomeCounts expected(List<Call> records, Predicate<Call> filter) {
        Map<String, Long> counters = new HashMap<>();
        long[] talk = new long[DurationHistogram.TALK.bins()];
        for (Call call : records) {
            if (!filter.test(call)) {
                continue;
            }
            counters.merge("calls", 1L, Long::sum);
            counters.merge(switch (call.status()) {
                case COMPLETED -> "completed";
                case BUSY -> "busy";
                case NO_ANSWER -> "noAnswer";
                case FAILED -> "failed";
                default -> "canceled";
            }, 1L, Long::sum);
            counters.merge("dialAttempts", (long) call.claimedRound(), Long::sum);
            counters.merge("redialed", call.claimedRound() > 1 ? 1L : 0L, Long::sum);
            if (call.progress().answeredBy() != null) {
                counters.merge("machineChecked", 1L, Long::sum);
                counters.merge("answeredByMachine", call.progress().answeredBy().startsWith("machine") ? 1L : 0L, Long::sum);
            }
            if (call.status() == CallStatus.COMPLETED) {
                talk[DurationHistogram.TALK.bin(call.progress().durationSeconds())]++;
                // Every answered call of the run rang 3 + (its number mod 25) seconds: read from the history instead.
                long ring = Duration.between(lastDial(call), call.answeredAt()).toSeconds();
                counters.merge(String.format("ring%02d", DurationHistogram.RING.bin(ring)), 1L, Long::sum);
            }
        }
        for (int bin = 0; bin < talk.length; bin++) {
            counters.put(String.format("talk%02d", bin), talk[bin]);
        }
        return OutcomeCounts.fromCounters(counters);
    }

    private static Instant lastDial(Call call) {
        Instant dialed = null;
        for (var change : call.history()) {
            if (change.status() == CallStatus.DIALING && change.at().isBefore(call.answeredAt())) {
                dialed = change.at();
            }
        }
        return dialed;
    }

    private OutcomeReport report(Instant from, Instant to, String groupBy, Map<String, String> more) {
        Map<String, String> query = new HashMap<>(Map.of("from", from.toString(), "to", to.toString(), "groupBy", groupBy));
        if (more != null) {
            query.putAll(more);
        }
        return reports.report(ReportRequest.parse(query, clock));
    }

    private List<Call> storedCalls() {
        List<Call> found = new ArrayList<>();
        aws.dynamoDb().scanPaginator(r -> r.tableName(table).consistentRead(true)).items()
                .forEach(item -> ItemImages.call(item).ifPresent(found::add));
        return found;
    }

    /** {@code n} calls, about 23 minutes apart, ending every way there is. */
    private List<Call> run(int n) {
        List<Call> ended = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            clock.advance(Duration.ofMinutes(23));
            Call call = insert(i, CAMPAIGNS.get(i % 3), CALLER_IDS.get((i / 3) % 3), ZONES.get(i % ZONES.size()));
            Call end = switch (i % 8) {
                case 0 -> complete(claim(call), i, i % 16 == 0 ? "machine_start" : null);
                case 1 -> end(claim(call), CallStatus.BUSY);
                case 2 -> end(claim(call), CallStatus.NO_ANSWER);
                case 3 -> fail(claim(call));
                case 4 -> end(call, CallStatus.CANCELED);
                case 5 -> complete(claim(redial(claim(call), CallStatus.BUSY)), i, "human"); // answered on its redial
                case 6 -> end(redial(claim(call), CallStatus.NO_ANSWER), CallStatus.CANCELED); // canceled while waiting
                default -> withdraw(claim(call));
            };
            ended.add(end);
        }
        return ended;
    }

    private Call insert(int i, String campaignId, String callerId, String zone) {
        Call call = Call.newScheduled(String.format("00000000-0000-4000-8000-%012d", i), "+1415555" + String.format("%04d", i),
                "Contact " + i, null, clock.instant(), "UTC", List.of(zone), new CallScript(callerId, "hello", null, null, null),
                clock.instant());
        if (campaignId != null) {
            call = call.withCampaignId(campaignId);
        }
        calls.insert(call);
        return call;
    }

    private Call claim(Call call) {
        clock.advance(Duration.ofSeconds(5));
        return calls.replace(call, call.claim(clock.instant(), "dispatch"));
    }

    private Call redial(Call dialing, CallStatus outcome) {
        clock.advance(Duration.ofSeconds(30));
        return calls.replace(dialing, dialing.redialAt(clock.instant().plus(Duration.ofMinutes(10)), outcome, clock.instant(),
                "redial"));
    }

    private Call complete(Call dialing, int i, String answeredBy) {
        clock.advance(Duration.ofSeconds(3 + i % 25));
        Call answered = calls.replace(dialing, dialing.moveTo(CallStatus.IN_PROGRESS, clock.instant(), "answered"));
        int talked = 7 * i % 400;
        clock.advance(Duration.ofSeconds(talked));
        Call done = answered.withProgress(new ProviderProgress(talked, answeredBy, null, null))
                .moveTo(CallStatus.COMPLETED, clock.instant(), "completed");
        return calls.replace(answered, done);
    }

    private Call end(Call call, CallStatus status) {
        clock.advance(Duration.ofSeconds(20));
        return calls.replace(call, call.moveTo(status, clock.instant(), status.name()));
    }

    private Call fail(Call call) {
        clock.advance(Duration.ofSeconds(2));
        return calls.replace(call, call.fail(clock.instant(), "provider refused the number"));
    }

    private Call withdraw(Call call) {
        return calls.replace(call, call.withdraw(clock.instant(), "on the do-not-call list"));
    }
}
