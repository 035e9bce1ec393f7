package io.callscheduler.lines.dynamodb;

import io.callscheduler.domain.ProviderCallbacks;
import io.callscheduler.lines.LineKeepingCallStore;
import io.callscheduler.lines.StaleLines;
import io.callscheduler.metrics.CallMetrics;
import io.callscheduler.model.Call;
import io.callscheduler.model.CallStatus;
import io.callscheduler.model.WaitingFor;
import io.callscheduler.redial.RedialPolicy;
import io.callscheduler.store.CallStore;
import io.callscheduler.store.ConcurrentUpdateException;
import io.callscheduler.store.dynamodb.DynamoDbCallStore;
import io.callscheduler.telephony.ProviderCall;
import io.callscheduler.testing.LocalAws;
import io.callscheduler.testing.MutableClock;
import io.callscheduler.testing.TestCalls;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random interleavings of what moves lines, against DynamoDB Local with the real lines, store and line-keeping
 * decorator: a dispatch taking a line and claiming (as the dispatch's line gate and claim do, giving the line back if
 * the claim is lost), a dispatch dying after its take, the provider's callbacks (through {@link ProviderCallbacks}:
 * a placed call reported, one adopted while its lost answer is looked up, answered, ended, redialed on busy), a
 * lookup that finds nothing placed, a dial failing unplaced, an end whose release is lost, and the stale-line check
 * with a clock the test moves. Each step runs its operations concurrently, on distinct calls, the check among them.
 * After every step: never more holders than lines, every call that holds a line is a holder, and once the check has
 * run past the grace every older holder's call holds a line. A failure names the seed; {@code -Dlines.seed=N} replays
 * that run's operations alone (the threads' timing within a step is the machine's).
 */
class CallLinesInterleavingsTest {
    private static final int LINES = 2;
    private static final int CALLS = 6;
    private static final int RUNS = Integer.getInteger("lines.runs", 100);
    private static final int OPERATIONS = 40;
    private static final RedialPolicy REDIAL_ON_BUSY = new RedialPolicy(Set.of(CallStatus.BUSY), 3, Duration.ofMinutes(10));
    /** Busy is redialed (back to SCHEDULED), the others end the call. */
    private static final List<String> ENDINGS = List.of("completed", "busy", "no-answer", "failed");
    private static final Instant START = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

    private static String table;
    private static ExecutorService pool;

    @BeforeAll
    static void start() {
        table = LocalAws.get().newCallsTable();
        pool = Executors.newFixedThreadPool(3);
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
    }

    @Test
    void linesStayExactUnderRandomInterleavings() throws Exception {
        Long replay = Long.getLong("lines.seed");
        long base = new Random().nextLong();
        int runs = replay != null ? 1 : RUNS;
        for (int run = 0; run < runs; run++) {
            long seed = replay != null ? replay : base + run;
            Run r = new Run(seed);
            try {
                r.play();
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("seed " + seed + " (replay with -Dlines.seed=" + seed + "); steps:\n"
                        + String.join("\n", r.log), e);
            } finally {
                r.cleanUp();
            }
        }
    }

    private enum Op {
        DISPATCH, DISPATCH_DIES, PLACED, ANSWER_LOST, ADOPTED, NOTHING_PLACED, FAILED_UNPLACED, ANSWERED, ENDED,
        ENDED_RELEASE_LOST, NEW_CALL
    }

    /** One run: its own calls, clock and line holders, on the shared table. */
    private static final class Run {
        final Random random;
        final MutableClock clock = new MutableClock(START);
        final DynamoDbCallLines lines = new DynamoDbCallLines(LocalAws.get().dynamoDb(), table, LINES);
        final DynamoDbCallStore raw = new DynamoDbCallStore(LocalAws.get().dynamoDb(), table);
        final CallStore store = new LineKeepingCallStore(raw, lines, clock, () -> CallMetrics.NONE);
        final ProviderCallbacks callbacks = new ProviderCallbacks(store, clock, REDIAL_ON_BUSY, null);
        final StaleLines staleLines = new StaleLines(lines, store, clock);
        /** Each slot's call as last written or read: only this run writes it, one operation at a time. */
        final Call[] calls = new Call[CALLS];
        final long[] sequences = new long[CALLS];
        final Map<String, Call> everyCall = new ConcurrentHashMap<>();
        final List<String> log = new ArrayList<>();

        Run(long seed) {
            random = new Random(seed);
        }

        void play() throws Exception {
            for (int slot = 0; slot < CALLS; slot++) {
                newCall(slot);
            }
            int done = 0;
            while (done < OPERATIONS) {
                boolean pastGrace = random.nextInt(5) == 0;
                clock.advance(pastGrace ? StaleLines.GRACE.plusSeconds(1 + random.nextInt(60))
                        : Duration.ofMillis(1 + random.nextInt(20_000)));
                boolean sweep = pastGrace || random.nextInt(6) == 0;
                List<Integer> slots = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5));
                java.util.Collections.shuffle(slots, random);
                int count = 1 + random.nextInt(3);
                List<Callable<String>> step = new ArrayList<>();
                for (int slot : slots.subList(0, count)) {
                    Op op = pick(calls[slot], sweep);
                    String ending = ENDINGS.get(random.nextInt(ENDINGS.size()));
                    step.add(() -> apply(slot, op, ending));
                }
                if (sweep) {
                    step.add(() -> "stale-line check freed " + staleLines.free());
                }
                List<String> did = new ArrayList<>();
                for (Future<String> f : pool.invokeAll(step)) {
                    try {
                        did.add(f.get());
                    } catch (ExecutionException e) {
                        throw new AssertionError(e.getCause());
                    }
                }
                log.add(clock.instant() + ": " + did);
                done += count;
                check(pastGrace && sweep);
            }
        }

        /** An operation that can happen to the call in its state (a lost release never during a check). */
        Op pick(Call call, boolean sweep) {
            List<Op> can = switch (call.status()) {
                case SCHEDULED -> call.requestUnconfirmed()
                        ? List.of(Op.ADOPTED, Op.ADOPTED, Op.NOTHING_PLACED, Op.FAILED_UNPLACED)
                        : List.of(Op.DISPATCH, Op.DISPATCH, Op.DISPATCH, Op.DISPATCH_DIES);
                case DIALING -> call.externalCallId() == null
                        ? List.of(Op.PLACED, Op.PLACED, Op.ANSWER_LOST, Op.ANSWER_LOST, Op.FAILED_UNPLACED)
                        : sweep ? List.of(Op.ANSWERED, Op.ENDED) : List.of(Op.ANSWERED, Op.ENDED, Op.ENDED_RELEASE_LOST);
                case IN_PROGRESS -> sweep ? List.of(Op.ENDED) : List.of(Op.ENDED, Op.ENDED, Op.ENDED_RELEASE_LOST);
                default -> List.of(Op.NEW_CALL);
            };
            return can.get(random.nextInt(can.size()));
        }

        /** @param ending the provider's final status, for {@link Op#ENDED} */
        String apply(int slot, Op op, String ending) {
            Call call = calls[slot];
            Instant now = clock.instant();
            String id = call.id();
            Call after = switch (op) {
                case DISPATCH -> dispatch(call, now);
                case DISPATCH_DIES -> {
                    lines.take(id, now);
                    yield call;
                }
                case PLACED, ADOPTED -> report(slot, call, "ringing");
                case ANSWERED -> report(slot, call, "in-progress");
                case ENDED -> report(slot, call, ending);
                case ANSWER_LOST -> store.replace(call, call.withRequestUnconfirmed(true)
                        .waitFor(WaitingFor.RETRY, now.plusSeconds(5), now, "answer lost; asking the provider first"));
                case NOTHING_PLACED -> store.replace(call, call.withRequestUnconfirmed(false)
                        .note(now, "the provider placed nothing for the lost request; dialing again"));
                case FAILED_UNPLACED -> store.replace(call, call.moveTo(CallStatus.FAILED, now, "dial deadline"));
                case ENDED_RELEASE_LOST -> raw.replace(call, call.moveTo(CallStatus.COMPLETED, now, "provider: completed"));
                case NEW_CALL -> newCall(slot);
            };
            calls[slot] = after;
            everyCall.put(after.id(), after);
            return op + " " + id.substring(0, 8) + " -> " + after.status() + (after.requestUnconfirmed() ? "?" : "");
        }

        /** The line gate, then the claim: a lost claim gives the line back unless the call holds it now. */
        Call dispatch(Call call, Instant now) {
            if (!lines.take(call.id(), now)) {
                return call; // all lines busy: the call waits
            }
            try {
                return store.replace(call, call.claim(now, "dialing"));
            } catch (ConcurrentUpdateException lost) {
                Call current = store.find(call.id()).orElseThrow();
                if (!current.holdsLine()) {
                    lines.release(call.id());
                }
                return current;
            }
        }

        Call report(int slot, Call call, String status) {
            String providerId = call.externalCallId() != null ? call.externalCallId() : "CA-" + call.id() + "-" + call.dialRound();
            callbacks.accept(call.id(), call.dialRound(), new ProviderCall(providerId, status, null), ++sequences[slot]);
            return store.find(call.id()).orElseThrow();
        }

        Call newCall(int slot) {
            Call call = TestCalls.scheduled(clock.instant());
            raw.insert(call);
            calls[slot] = call;
            sequences[slot] = 0;
            everyCall.put(call.id(), call);
            return call;
        }

        void check(boolean checkedPastGrace) {
            Map<String, Instant> holders = lines.holders();
            assertThat(holders.size()).as("holders %s", holders).isLessThanOrEqualTo(LINES);
            for (Call call : calls) {
                if (call.holdsLine()) {
                    assertThat(holders).as("call %s is %s%s: it holds a line", call.id(), call.status(),
                            call.requestUnconfirmed() ? " with a request unconfirmed" : "").containsKey(call.id());
                }
            }
            if (checkedPastGrace) {
                Instant old = clock.instant().minus(StaleLines.GRACE);
                holders.forEach((id, since) -> {
                    if (since.isBefore(old)) {
                        assertThat(everyCall.get(id).holdsLine()).as("holder %s since %s is %s after the stale-line check",
                                id, since, everyCall.get(id).status()).isTrue();
                    }
                });
            }
        }

        void cleanUp() {
            lines.holders().keySet().forEach(lines::release);
        }
    }
}
