package io.callscheduler.domain.dispatch;

import io.callscheduler.dispatch.DispatchRequest;
import io.callscheduler.domain.CallService;
import io.callscheduler.domain.NewCallRequest;
import io.callscheduler.domain.Sleeper;
import io.callscheduler.lines.LineKeepingCallStore;
import io.callscheduler.lines.dynamodb.DynamoDbCallLines;
import io.callscheduler.metrics.Datapoint;
import io.callscheduler.metrics.RecordedMetrics;
import io.callscheduler.model.Call;
import io.callscheduler.model.CallStatus;
import io.callscheduler.model.WaitingFor;
import io.callscheduler.store.CallStore;
import io.callscheduler.store.Page;
import io.callscheduler.store.dynamodb.DynamoDbCallStore;
import io.callscheduler.suppressions.Suppression;
import io.callscheduler.suppressions.SuppressionList;
import io.callscheduler.suppressions.dynamodb.DynamoDbSuppressionList;
import io.callscheduler.telephony.CallApi;
import io.callscheduler.telephony.CallApiException;
import io.callscheduler.telephony.DialRequest;
import io.callscheduler.telephony.ProviderCall;
import io.callscheduler.testing.LocalAws;
import io.callscheduler.testing.MutableClock;
import io.callscheduler.testing.PlacingCallApi;
import io.callscheduler.testing.TestDispatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The do-not-call list read again immediately before the dial, against DynamoDB Local with a clock the test moves:
 * the race (a number added one second before its call's moment), with the deployment's default claim lead
 * of 2 s, so that a check made at the claim would be too early to see it.
 */
class SuppressionCheckTest {
    private static final String NUMBER = "+14155550810";
    private static final Duration CLAIM_LEAD = Duration.ofSeconds(2);
    private MutableClock clock;
    private String table;
    private DynamoDbCallLines lines;
    private CallStore store;
    private String group;
    private PlacingCallApi api;
    private SuppressionList list;
    private final List<Datapoint> published = new CopyOnWriteArrayList<>();
    private final RecordedMetrics metrics = new RecordedMetrics(published::addAll);

    @BeforeEach
    void start() {
        clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofDays(3)));
        table = LocalAws.get().newCallsTable();
        lines = new DynamoDbCallLines(LocalAws.get().dynamoDb(), table, 1);
        store = new LineKeepingCallStore(new DynamoDbCallStore(LocalAws.get().dynamoDb(), table), lines);
        group = LocalAws.get().newScheduleGroup();
        api = new PlacingCallApi();
        list = new DynamoDbSuppressionList(LocalAws.get().dynamoDb(), table);
    }

    private Call callDueIn(Duration ahead) {
        CallService calls = new CallService(store, TestDispatch.scheduler(group), request -> { }, clock);
        return calls.create(new NewCallRequest(NUMBER, clock.instant().plus(ahead).toString(), null, null, null, null,
                null, null, null, null, null, null));
    }

    private DispatchService dispatch(SuppressionList suppressions, Sleeper sleeper) {
        return TestDispatch.builder(store, api, group, clock).lines(lines).sleeper(sleeper).suppressions(suppressions)
                .settings(DispatchSettings.DEFAULTS.withClaimLead(CLAIM_LEAD)).metrics(metrics).build();
    }

    /** Sleeps on the test's clock; a sleep that crosses {@code at} stops there first and runs {@code then}. */
    private Sleeper doingAt(Instant at, Runnable then) {
        boolean[] done = {false};
        return duration -> {
            Instant end = clock.instant().plus(duration);
            if (!done[0] && !clock.instant().isAfter(at) && !end.isBefore(at)) {
                clock.sleep(Duration.between(clock.instant(), at));
                done[0] = true;
                then.run();
            }
            clock.sleep(Duration.between(clock.instant(), end));
        };
    }

    private static Suppression entry(String number, Instant now, Instant expiresAt) {
        return new Suppression(number, "asked not to be called", "test", expiresAt, now, null, null);
    }

    @Test
    void aNumberAddedOneSecondBeforeItsCallsMomentEndsTheCallCanceledWithNoProviderRequest() {
        Call call = callDueIn(Duration.ofSeconds(30));
        Instant moment = call.scheduledAt();
        Sleeper addingItOneSecondBefore = doingAt(moment.minusSeconds(1),
                () -> list.put(entry(NUMBER, clock.instant(), null)));

        DispatchOutcome outcome = dispatch(list, addingItOneSecondBefore)
                .dispatch(new DispatchRequest(call.id(), moment, "schedule"));

        assertThat(list.find(NUMBER)).as("added during the dispatch, after its claim").isPresent();
        assertThat(outcome).isEqualTo(DispatchOutcome.CANCELED);
        assertThat(api.dialed).as("provider requests").isEmpty();
        Call ended = store.find(call.id()).orElseThrow();
        assertThat(ended.status()).isEqualTo(CallStatus.CANCELED);
        assertThat(ended.lastError()).startsWith("suppressed: " + NUMBER + " is on the do-not-call list (asked not to be called");
        assertThat(ended.history()).extracting(h -> h.status())
                .containsExactly(CallStatus.SCHEDULED, CallStatus.DIALING, CallStatus.CANCELED);
        assertThat(ended.history().get(2).detail()).startsWith("suppressed");
        assertThat(ended.attempts()).as("the claimed attempt, never sent, is not counted").isZero();
        assertThat(lines.take("another-call", clock.instant())).as("its line was given back").isTrue();
        metrics.publish();
        assertThat(published).contains(Datapoint.of("CallsSuppressed", 1, Datapoint.Unit.COUNT));
        assertThat(published).noneMatch(p -> p.name().equals("CallsFailed"));
    }

    @Test
    void theListIsReadJustBeforeTheRequestNotAtTheClaim() {
        Call call = callDueIn(Duration.ofSeconds(30));
        Instant[] readAt = new Instant[1];
        SuppressionList watched = new Reading(list, () -> readAt[0] = clock.instant());

        dispatch(watched, clock::sleep).dispatch(new DispatchRequest(call.id(), call.scheduledAt(), "schedule"));

        assertThat(api.dialed).containsExactly(NUMBER);
        assertThat(readAt[0]).isEqualTo(call.scheduledAt().minus(SuppressionCheck.READ_ALLOWANCE));
    }

    @Test
    void anEntryThatHasExpiredNoLongerSuppressesThoughTheTableStillHoldsIt() {
        Call call = callDueIn(Duration.ofSeconds(30));
        list.put(entry(NUMBER, clock.instant(), call.scheduledAt().minusSeconds(5)));

        DispatchOutcome outcome = dispatch(list, clock::sleep).dispatch(new DispatchRequest(call.id(), call.scheduledAt(), "schedule"));

        assertThat(outcome).isEqualTo(DispatchOutcome.DIALED);
        assertThat(api.dialed).containsExactly(NUMBER);
    }

    @Test
    void anEntryThatExpiresAfterTheMomentStillSuppresses() {
        Call call = callDueIn(Duration.ofSeconds(30));
        list.put(entry(NUMBER, clock.instant(), call.scheduledAt().plusSeconds(5)));

        DispatchOutcome outcome = dispatch(list, clock::sleep).dispatch(new DispatchRequest(call.id(), call.scheduledAt(), "schedule"));

        assertThat(outcome).isEqualTo(DispatchOutcome.CANCELED);
        assertThat(api.dialed).isEmpty();
    }

    @Test
    void aListThatCannotBeReadSendsNothingAndTheCallWaitsForARetry() {
        Call call = callDueIn(Duration.ofSeconds(30));
        SuppressionList unreadable = new Reading(list, () -> {
            throw new IllegalStateException("DynamoDB unavailable");
        });

        DispatchOutcome outcome = dispatch(unreadable, clock::sleep).dispatch(new DispatchRequest(call.id(), call.scheduledAt(), "schedule"));

        assertThat(outcome).isEqualTo(DispatchOutcome.RETRY_LATER);
        assertThat(api.dialed).isEmpty();
        Call waiting = store.find(call.id()).orElseThrow();
        assertThat(waiting.status()).isEqualTo(CallStatus.SCHEDULED);
        assertThat(waiting.waitingFor()).isEqualTo(WaitingFor.RETRY);
        assertThat(waiting.lastError()).contains("could not read the do-not-call list");
        assertThat(waiting.requestUnconfirmed()).as("nothing was sent").isFalse();
    }

    @Test
    void aNumberAddedWhileARequestWaitsForItsImmediateRetryIsNotDialed() {
        Call call = callDueIn(Duration.ofSeconds(30));
        Instant moment = call.scheduledAt();
        CallApi slowDownFirst = new CallApi() {
            private boolean refused;

            @Override
            public boolean idempotentCreates() {
                return true;
            }

            @Override
            public ProviderCall placeCall(DialRequest request) {
                if (!refused) {
                    refused = true; // a 429 is an answer: nothing was placed
                    throw CallApiException.transientFailure("too many requests", 429, Duration.ofSeconds(1), null);
                }
                return api.placeCall(request);
            }

            @Override
            public ProviderCall getCall(String externalCallId) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<ProviderCall> findPlaced(DialRequest request) {
                return Optional.empty();
            }
        };
        // Added during the retry's backoff, after the read before the first request.
        Sleeper addingItDuringTheBackoff = doingAt(moment.plusMillis(500), () -> list.put(entry(NUMBER, clock.instant(), null)));
        DispatchService dispatch = TestDispatch.builder(store, slowDownFirst, group, clock).lines(lines)
                .sleeper(addingItDuringTheBackoff).suppressions(list)
                .settings(DispatchSettings.DEFAULTS.withClaimLead(CLAIM_LEAD)).metrics(metrics).build();

        DispatchOutcome outcome = dispatch.dispatch(new DispatchRequest(call.id(), moment, "schedule"));

        assertThat(outcome).isEqualTo(DispatchOutcome.CANCELED);
        assertThat(api.dialed).as("requests placed").isEmpty();
        Call ended = store.find(call.id()).orElseThrow();
        assertThat(ended.status()).isEqualTo(CallStatus.CANCELED);
        assertThat(ended.attempts()).as("the one request sent (refused with 429)").isEqualTo(1);
    }

    @Test
    void aRequestThatGoesOutLongAfterTheReadReadsTheListAgain() {
        Call call = callDueIn(Duration.ofSeconds(30));
        Instant moment = call.scheduledAt();
        // The wait from the read to the request's moment overruns by two seconds (a frozen container, a long pause),
        // and the number is added meanwhile: the request, now late, finds its read stale.
        Sleeper overrunning = duration -> {
            Instant end = clock.instant().plus(duration);
            if (end.equals(moment)) {
                clock.sleep(duration.plusSeconds(1));
                list.put(entry(NUMBER, clock.instant(), null));
                clock.sleep(Duration.ofSeconds(1));
                return;
            }
            clock.sleep(duration);
        };

        DispatchOutcome outcome = dispatch(list, overrunning).dispatch(new DispatchRequest(call.id(), moment, "schedule"));

        assertThat(outcome).isEqualTo(DispatchOutcome.CANCELED);
        assertThat(api.dialed).isEmpty();
        assertThat(store.find(call.id()).orElseThrow().attempts()).isZero();
    }

    @Test
    void aCallWhoseFirstRequestMayHavePlacedItIsLookedUpNotCanceledWhenItsNumberIsListedBeforeTheRetry() {
        Call call = callDueIn(Duration.ofSeconds(30));
        Instant moment = call.scheduledAt();
        ProviderCall[] placedDespiteTimeout = new ProviderCall[1];
        CallApi timesOutAfterPlacing = new CallApi() {
            @Override
            public boolean idempotentCreates() {
                return true;
            }

            @Override
            public ProviderCall placeCall(DialRequest request) {
                placedDespiteTimeout[0] = api.placeCall(request); // it rings; the answer is lost
                throw CallApiException.transientFailure("gateway timeout", 504, null, null);
            }

            @Override
            public ProviderCall getCall(String externalCallId) {
                return placedDespiteTimeout[0];
            }

            @Override
            public Optional<ProviderCall> findPlaced(DialRequest request) {
                return Optional.ofNullable(placedDespiteTimeout[0]);
            }
        };
        Sleeper addingItDuringTheBackoff = doingAt(moment.plusMillis(500), () -> list.put(entry(NUMBER, clock.instant(), null)));
        DispatchService dispatch = TestDispatch.builder(store, timesOutAfterPlacing, group, clock).lines(lines)
                .sleeper(addingItDuringTheBackoff).suppressions(list)
                .settings(DispatchSettings.DEFAULTS.withClaimLead(CLAIM_LEAD)).metrics(metrics).build();

        dispatch.dispatch(new DispatchRequest(call.id(), moment, "schedule"));

        assertThat(api.dialed).as("one request reached the provider, and it rang").hasSize(1);
        Call found = store.find(call.id()).orElseThrow();
        assertThat(found.status()).as("a call that may be ringing is not written off as not dialed")
                .isNotEqualTo(CallStatus.CANCELED);
        assertThat(found.externalCallId()).as("adopted from the provider's answer to the look-up").isEqualTo(placedDespiteTimeout[0].id());
    }

    /** The list, running {@code onFind} before each read. */
    private record Reading(SuppressionList list, Runnable onFind) implements SuppressionList {
        @Override
        public Suppression put(Suppression suppression) {
            return list.put(suppression);
        }

        @Override
        public boolean remove(String number) {
            return list.remove(number);
        }

        @Override
        public Optional<Suppression> find(String number) {
            onFind.run();
            return list.find(number);
        }

        @Override
        public Page<Suppression> page(String search, int limit, String nextToken) {
            return list.page(search, limit, nextToken);
        }
    }
}
