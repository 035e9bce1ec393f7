package io.callscheduler.domain.campaigns;

import java.time.LocalTime;
import java.time.DayOfWeek;
import io.callscheduler.testing.TestMoments;
import io.callscheduler.campaigns.CampaignRuns;
import io.callscheduler.callinghours.CallingWindow;
import io.callscheduler.dispatch.DispatchRequest;
import io.callscheduler.domain.CallScripts;
import io.callscheduler.domain.CallingHours;
import io.callscheduler.domain.ValidationException;
import io.callscheduler.domain.DialTriggers;
import io.callscheduler.domain.dispatch.DispatchOutcome;
import io.callscheduler.domain.dispatch.DispatchService;
import io.callscheduler.model.Call;
import io.callscheduler.model.CallStatus;
import io.callscheduler.model.Campaign;
import io.callscheduler.model.CampaignState;
import io.callscheduler.model.NewContact;
import io.callscheduler.model.WaitingFor;
import io.callscheduler.redial.RedialLimits;
import io.callscheduler.redial.RedialPolicy;
import io.callscheduler.store.CallFilter;
import io.callscheduler.store.CampaignStore;
import io.callscheduler.store.dynamodb.DynamoDbCallStore;
import io.callscheduler.store.dynamodb.DynamoDbCampaignStore;
import io.callscheduler.testing.LocalAws;
import io.callscheduler.testing.MutableClock;
import io.callscheduler.testing.PlacingCallApi;
import io.callscheduler.testing.TestDispatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Campaigns on DynamoDB Local with a clock the test moves: the lifecycle, the runner's pace and its exactly-once
 * drawing, a pause holding calls not dialed yet and the resume releasing them, a stop canceling what is left, and
 * counts that add up to the contacts at every step.
 */
class CampaignLifecycleTest {
    /** A Tuesday 10:00 UTC, inside the campaigns' Mon-Sat window. */
    private static final Instant START = TestMoments.next(DayOfWeek.TUESDAY, LocalTime.of(10, 0));
    private MutableClock clock;
    private DynamoDbCallStore calls;
    private DynamoDbCampaignStore campaigns;
    private CampaignService service;
    private CampaignRunner runner;
    private final List<DispatchRequest> dispatchedAtOnce = new CopyOnWriteArrayList<>();
    private final List<String> runsAsked = new CopyOnWriteArrayList<>();
    private final PlacingCallApi provider = new PlacingCallApi();
    private DispatchService dispatch;
    private io.callscheduler.suppressions.SuppressionList doNotCall;
    private String group;

    @BeforeEach
    void build() {
        clock = new MutableClock(START);
        String table = LocalAws.get().newCallsTable();
        group = LocalAws.get().newScheduleGroup();
        calls = new DynamoDbCallStore(LocalAws.get().dynamoDb(), table);
        campaigns = new DynamoDbCampaignStore(LocalAws.get().dynamoDb(), table);
        DialTriggers triggers = new DialTriggers(TestDispatch.scheduler(group), dispatchedAtOnce::add, clock);
        CampaignRules rules = new CampaignRules(CallingWindow.parse("08:00-21:00", "Mon-Sat"), 5, 4, RedialPolicy.OFF,
                RedialLimits.WIDEST, CallScripts.ScriptRules.NONE);
        service = new CampaignService(campaigns, rules, (id, reason) -> runsAsked.add(reason + " " + id), clock);
        runner = new CampaignRunner(campaigns, calls, triggers, CallingHours.ANY_TIME, clock);
        doNotCall = new io.callscheduler.suppressions.dynamodb.DynamoDbSuppressionList(LocalAws.get().dynamoDb(), table);
        dispatch = TestDispatch.builder(calls, provider, group, clock).campaigns(campaigns).suppressions(doNotCall).build();
    }

    private Campaign campaign(String rate, int contacts) {
        Campaign campaign = service.create(new NewCampaignRequest("Reminders", "Hello {{contactName}}, see you {{day}}.",
                null, null, null, null, "", "", rate, null, null, null, null));
        List<NewContact> list = new ArrayList<>();
        for (int i = 0; i < contacts; i++) {
            list.add(new NewContact("+1415555%04d".formatted(i), Map.of("contactName", "Ann " + i, "day", "Monday",
                    "calleeTimeZone", "America/Los_Angeles")));
        }
        assertThat(service.addContacts(campaign.id(), list).added()).isEqualTo(contacts);
        return campaign;
    }

    private List<Call> callsOf(String campaignId) {
        List<Call> all = new ArrayList<>();
        String token = null;
        do {
            var page = campaigns.calls(campaignId, CallFilter.all(), 200, token);
            all.addAll(page.items());
            token = page.nextToken();
        } while (token != null);
        return all;
    }

    /** The counts add up to the contacts, and each call status's count is the number of calls in it. */
    private void assertCountsAddUp(String campaignId) {
        Campaign campaign = service.get(campaignId);
        long sum = Campaign.countNames().stream().mapToLong(campaign::count).sum();
        assertThat(sum).as("every count together").isEqualTo(campaign.contacts());
        List<Call> made = callsOf(campaignId);
        for (CallStatus status : CallStatus.values()) {
            long calls = made.stream().filter(c -> c.status() == status).count();
            long contactsCanceled = status == CallStatus.CANCELED ? campaign.count(status) - calls : 0;
            assertThat(campaign.count(status) - contactsCanceled).as("count of " + status).isEqualTo(calls);
        }
        assertThat(campaign.count(Campaign.PENDING)).isEqualTo(campaigns.pendingContacts(campaignId, 100_000).size());
    }

    @Test
    void theLifecycleAllowsOnlyItsTransitionsAndNamesTheStateWhenItRefuses() {
        Campaign empty = campaign("1", 0);
        // Started empty, it would complete at its first run and take no contacts after.
        assertThatThrownBy(() -> service.start(empty.id())).isInstanceOf(CampaignStateException.class)
                .hasMessageContaining("has no contacts");
        Campaign campaign = campaign("1", 1);
        assertThat(campaign.state()).isEqualTo(CampaignState.DRAFT);
        assertThatThrownBy(() -> service.pause(campaign.id())).isInstanceOf(CampaignStateException.class)
                .hasMessageContaining("is DRAFT").hasMessageContaining("only a campaign that is RUNNING");
        assertThat(service.start(campaign.id()).state()).isEqualTo(CampaignState.RUNNING);
        assertThat(runsAsked).containsExactly("START " + campaign.id());
        assertThatThrownBy(() -> service.start(campaign.id())).hasMessageContaining("is RUNNING");
        assertThat(service.pause(campaign.id()).state()).isEqualTo(CampaignState.PAUSED);
        assertThatThrownBy(() -> service.pause(campaign.id())).hasMessageContaining("is PAUSED");
        assertThat(service.edit(campaign.id(), new NewCampaignRequest(null, null, null, null, null, null, "09:00-17:00",
                null, "2", null, null, null, null))).satisfies(edited -> {
            assertThat(edited.callingHours()).isEqualTo("09:00-17:00");
            assertThat(edited.maxCallsPerSecond()).isEqualTo(2);
            assertThat(edited.script().message()).isEqualTo("Hello {{contactName}}, see you {{day}}.");
            assertThat(edited.state()).isEqualTo(CampaignState.PAUSED);
        });
        assertThat(service.resume(campaign.id()).state()).isEqualTo(CampaignState.RUNNING);
        assertThat(service.stop(campaign.id()).state()).isEqualTo(CampaignState.STOPPED);
        assertThatThrownBy(() -> service.resume(campaign.id())).hasMessageContaining("is STOPPED");
        assertThatThrownBy(() -> service.edit(campaign.id(), new NewCampaignRequest(null, "Bye", null, null, null, null,
                null, null, null, null, null, null, null))).hasMessageContaining("is STOPPED");
        assertThatThrownBy(() -> service.get("7d1f3c2e-0000-4000-8000-000000000000"))
                .isInstanceOf(CampaignNotFoundException.class);
    }

    @Test
    void aCampaignNeverAsksForMoreThanTheDeploymentsWindowRateOrLines() {
        assertThatThrownBy(() -> service.create(new NewCampaignRequest("x", null, null, null, null, null, "07:00-20:00",
                null, null, null, null, null, null))).satisfies(e -> assertThat(((io.callscheduler.domain.ValidationException) e)
                .field()).isEqualTo("callingHours")).hasMessageContaining("within the deployment's (08:00-21:00");
        assertThatThrownBy(() -> service.create(new NewCampaignRequest("x", null, null, null, null, null, null,
                "Sun", null, null, null, null, null))).satisfies(e -> assertThat(((io.callscheduler.domain.ValidationException) e)
                .field()).isEqualTo("callingDays"));
        assertThatThrownBy(() -> service.create(new NewCampaignRequest("x", null, null, null, null, null, null,
                null, "6", null, null, null, null))).satisfies(e -> assertThat(((io.callscheduler.domain.ValidationException) e)
                .code()).isEqualTo("OVER_DEPLOYMENT_LIMIT")).hasMessageContaining("MaxCallsPerSecond, 5.0");
        assertThatThrownBy(() -> service.create(new NewCampaignRequest("x", null, null, null, null, null, null,
                null, null, "5", null, null, null))).hasMessageContaining("MaxConcurrentCalls, 4");
        assertThat(service.list(null, null).items()).isEmpty(); // nothing written on a refusal
    }

    @Test
    void contactsAreAddedOncePerNumberAndADuplicateIsReported() {
        Campaign campaign = campaign("1", 150); // more than one transaction's worth
        var added = service.addContacts(campaign.id(), List.of(new NewContact("+14155550003", Map.of()),
                new NewContact("+14155559999", Map.of()), new NewContact("+14155559999", Map.of())));
        assertThat(added.added()).isEqualTo(1);
        assertThat(added.duplicates()).containsExactlyInAnyOrder("+14155550003", "+14155559999");
        assertThat(service.get(campaign.id()).contacts()).isEqualTo(151);
        assertThat(service.get(campaign.id()).count(Campaign.PENDING)).isEqualTo(151);
        // Drawn in the order they were added.
        assertThat(campaigns.pendingContacts(campaign.id(), 3)).extracting(c -> c.phoneNumber())
                .containsExactly("+14155550000", "+14155550001", "+14155550002");
    }

    @Test
    void theRunnerDrawsAMinuteAheadAtTheCampaignsPaceNeverMoreInAnySecondAndGoesOnWhereItStopped() {
        Campaign campaign = campaign("2", 300);
        service.start(campaign.id());

        CampaignRunner.Report first = runner.runAll();
        assertThat(first.drawn()).isEqualTo(134); // every 510 ms (2 a second, less PACE_MARGIN) to 70 s ahead, the first 2 s from now
        clock.advance(Duration.ofSeconds(60));
        CampaignRunner.Report second = runner.runAll();
        assertThat(second.drawn()).isEqualTo(117); // the minute after the first run's horizon

        List<Instant> times = callsOf(campaign.id()).stream().map(Call::scheduledAt).sorted().toList();
        assertThat(times).hasSize(251).first().isEqualTo(START.plus(CampaignRunner.FIRST_SLOT_LEAD));
        for (int i = 1; i < times.size(); i++) {
            assertThat(Duration.between(times.get(i - 1), times.get(i))).as("gap before call " + i)
                    .isGreaterThanOrEqualTo(Duration.ofMillis(500));
        }
        for (Instant second0 = START; second0.isBefore(times.get(times.size() - 1)); second0 = second0.plusMillis(250)) {
            Instant from = second0;
            assertThat(times.stream().filter(t -> !t.isBefore(from) && t.isBefore(from.plusSeconds(1))).count())
                    .as("calls in the second from " + from).isLessThanOrEqualTo(2);
        }
        // Each call is an ordinary one: the message filled from the contact's columns, in its zone, of the campaign.
        Call one = callsOf(campaign.id()).stream().filter(c -> c.phoneNumber().equals("+14155550007")).findFirst().orElseThrow();
        assertThat(one.script().message()).isEqualTo("Hello Ann 7, see you Monday.");
        assertThat(one.contactName()).isEqualTo("Ann 7");
        assertThat(one.campaignId()).isEqualTo(campaign.id());
        assertThat(one.calleeZones()).containsExactly("America/Los_Angeles");
        // Those due within seconds were handed to dispatch at once, the others got a schedule.
        assertThat(dispatchedAtOnce).isNotEmpty().allSatisfy(r -> assertThat(r.source()).isEqualTo("campaign"));
        assertCountsAddUp(campaign.id());
    }

    @Test
    void runnersThatRunTwiceOrTogetherMakeOneCallPerContact() throws Exception {
        Campaign campaign = campaign("5", 600);
        service.start(campaign.id());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CyclicBarrier together = new CyclicBarrier(4);
            List<Future<CampaignRunner.Report>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                runs.add(pool.submit(() -> {
                    together.await();
                    return runner.runAll();
                }));
            }
            int drawn = 0;
            for (Future<CampaignRunner.Report> run : runs) {
                drawn += run.get().drawn();
            }
            // And again, as a runner that died and was run again would.
            clock.advance(Duration.ofSeconds(30));
            drawn += runner.runAll().drawn();
            drawn += runner.run(campaign.id(), CampaignRuns.Reason.START).drawn();
            List<Call> made = callsOf(campaign.id());
            assertThat(made).hasSize(drawn);
            assertThat(made.stream().map(Call::phoneNumber).distinct().count()).isEqualTo(made.size());
            assertThat(made.stream().map(Call::id).distinct().count()).isEqualTo(made.size());
            // A contact drawn again, whatever the slot, finds its call there.
            var contact = campaigns.pendingContacts(campaign.id(), 1);
            assertThat(contact).isNotEmpty();
            Call call = runner.callFor(service.get(campaign.id()), contact.get(0), clock.instant(), clock.instant());
            assertThat(campaigns.draw(contact.get(0), call)).isEqualTo(CampaignStore.Drawn.DRAWN);
            assertThat(campaigns.draw(contact.get(0), call.withCampaignId(campaign.id()))).isEqualTo(CampaignStore.Drawn.ALREADY_DRAWN);
            assertCountsAddUp(campaign.id());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aPauseHoldsCallsNotYetDialedAndTheResumeReleasesThemAtThePace() {
        Campaign campaign = campaign("1", 5);
        service.start(campaign.id());
        runner.runAll();
        Call first = callsOf(campaign.id()).stream().min(Comparator.comparing(Call::scheduledAt)).orElseThrow();
        assertThat(dispatch.dispatch(new DispatchRequest(first.id(), first.scheduledAt(), "campaign")))
                .isEqualTo(DispatchOutcome.DIALED);

        service.pause(campaign.id());
        clock.advance(Duration.ofSeconds(1));
        Call second = calls.find(first.id().equals(callsOf(campaign.id()).get(0).id()) ? callsOf(campaign.id()).get(1).id()
                : callsOf(campaign.id()).get(0).id()).orElseThrow();
        Set<String> held = new HashSet<>();
        for (Call waiting : callsOf(campaign.id())) {
            if (waiting.status() == CallStatus.SCHEDULED) {
                clock.advance(Duration.ofSeconds(1));
                assertThat(dispatch.dispatch(new DispatchRequest(waiting.id(), null, "campaign"))).isEqualTo(DispatchOutcome.HELD);
                held.add(waiting.id());
            }
        }
        assertThat(held).hasSize(4).contains(second.id());
        assertThat(provider.dialed).hasSize(1);
        Call parked = calls.find(second.id()).orElseThrow();
        assertThat(parked.waitingFor()).isEqualTo(WaitingFor.CAMPAIGN_PAUSED);
        assertThat(parked.history().get(parked.history().size() - 1).detail()).isEqualTo("campaign paused: waiting for it to resume");
        assertCountsAddUp(campaign.id());

        clock.advance(Duration.ofMinutes(3));
        service.resume(campaign.id());
        assertThat(runsAsked).contains("RESUME " + campaign.id());
        assertThat(runner.run(campaign.id(), CampaignRuns.Reason.RESUME).released()).isEqualTo(4);
        List<Instant> slots = held.stream().map(id -> calls.find(id).orElseThrow().nextAttemptAt()).sorted().toList();
        assertThat(slots).as("1 a second, less PACE_MARGIN").containsExactly(clock.instant(), clock.instant().plusMillis(1020),
                clock.instant().plusMillis(2040), clock.instant().plusMillis(3060));
        for (String id : held) {
            Call released = calls.find(id).orElseThrow();
            clock.advance(Duration.between(clock.instant(), released.nextAttemptAt()).isNegative() ? Duration.ZERO
                    : Duration.between(clock.instant(), released.nextAttemptAt()));
            assertThat(dispatch.dispatch(new DispatchRequest(id, released.nextAttemptAt(), "campaign")))
                    .isEqualTo(DispatchOutcome.DIALED);
        }
        assertThat(provider.dialed).hasSize(5).doesNotHaveDuplicates();
        assertCountsAddUp(campaign.id());
    }

    @Test
    void aStopCancelsTheRemainingContactsAndTheCallsNotYetDialedWhileCallsRingingFinish() {
        Campaign campaign = campaign("1", 100);
        service.start(campaign.id());
        runner.runAll(); // 71 drawn, 29 still pending
        List<Call> made = callsOf(campaign.id()).stream().sorted(Comparator.comparing(Call::scheduledAt)).toList();
        assertThat(dispatch.dispatch(new DispatchRequest(made.get(0).id(), made.get(0).scheduledAt(), "campaign")))
                .isEqualTo(DispatchOutcome.DIALED);

        service.stop(campaign.id());
        // A dispatch that meets a call of the stopped campaign before the runner does cancels it itself.
        clock.advance(Duration.ofSeconds(1));
        assertThat(dispatch.dispatch(new DispatchRequest(made.get(1).id(), made.get(1).scheduledAt(), "campaign")))
                .isEqualTo(DispatchOutcome.CANCELED);
        CampaignRunner.Report report = runner.run(campaign.id(), CampaignRuns.Reason.STOP);
        assertThat(report.canceled()).isEqualTo(29 + 69);

        Campaign stopped = service.get(campaign.id());
        assertThat(stopped.count(Campaign.PENDING)).isZero();
        assertThat(stopped.count(CallStatus.CANCELED)).isEqualTo(99);
        assertThat(stopped.count(CallStatus.DIALING)).isEqualTo(1); // ringing: it finishes
        Call canceled = calls.find(made.get(2).id()).orElseThrow();
        assertThat(canceled.status()).isEqualTo(CallStatus.CANCELED);
        assertThat(canceled.lastError()).isEqualTo("not dialed: campaign stopped by user");
        assertThat(runner.runAll().drawn()).isZero();
        assertThat(provider.dialed).hasSize(1);
        assertCountsAddUp(campaign.id());

        // The call that was ringing ends: the counts follow, and nothing is left to do.
        Call ringing = calls.find(made.get(0).id()).orElseThrow();
        calls.replace(ringing, ringing.moveTo(CallStatus.COMPLETED, clock.instant(), "provider: completed"));
        assertThat(service.get(campaign.id()).count(CallStatus.COMPLETED)).isEqualTo(1);
        assertCountsAddUp(campaign.id());
        assertThat(campaigns.withWork()).isEmpty();
    }

    @Test
    void aCampaignWithNothingPendingAndEveryCallOverIsCompleted() {
        Campaign campaign = campaign("5", 3);
        service.start(campaign.id());
        runner.runAll();
        for (Call call : callsOf(campaign.id())) {
            clock.advance(Duration.between(clock.instant(), call.scheduledAt()).isNegative() ? Duration.ZERO
                    : Duration.between(clock.instant(), call.scheduledAt()));
            assertThat(dispatch.dispatch(new DispatchRequest(call.id(), call.scheduledAt(), "campaign"))).isEqualTo(DispatchOutcome.DIALED);
            Call dialing = calls.find(call.id()).orElseThrow();
            calls.replace(dialing, dialing.moveTo(CallStatus.NO_ANSWER, clock.instant(), "provider: no-answer"));
        }
        assertThat(service.get(campaign.id()).state()).isEqualTo(CampaignState.RUNNING);
        assertThat(runner.runAll().completed()).isEqualTo(1);
        assertThat(service.get(campaign.id()).state()).isEqualTo(CampaignState.COMPLETED);
        assertThat(service.get(campaign.id()).count(CallStatus.NO_ANSWER)).isEqualTo(3);
        assertCountsAddUp(campaign.id());
    }

    /** Once contacts are in, an edited message may only use fields they have: another would be spoken as nothing. */
    @Test
    void anEditedMessageMayOnlyUseFieldsTheContactsHave() {
        Campaign campaign = campaign("1", 2);
        assertThatThrownBy(() -> service.edit(campaign.id(), new NewCampaignRequest(null, "Hi {{nickname}}", null, null,
                null, null, null, null, null, null, null, null, null)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.code()).isEqualTo("UNKNOWN_TEMPLATE_FIELD"));
        assertThat(service.edit(campaign.id(), new NewCampaignRequest(null, "Hi {{contactName}}, {{day}}", null, null,
                null, null, null, null, null, null, null, null, null)).script().message()).isEqualTo("Hi {{contactName}}, {{day}}");
    }

    /** Outside the campaign's hours nothing is drawn: calls do not pile up to ring all at once when the hours open. */
    @Test
    void outsideTheCampaignsCallingHoursTheRunnerDrawsNothingAndDrawsAtThePaceOnceTheyOpen() {
        Campaign campaign = service.create(new NewCampaignRequest("Office hours", "Hello", null, null, null, null,
                "12:00-13:00", "", "1", null, null, null, null));
        List<NewContact> list = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            list.add(new NewContact("+1415556%04d".formatted(i), Map.of("calleeTimeZone", "UTC")));
        }
        service.addContacts(campaign.id(), list);
        service.start(campaign.id());
        runner.runAll(); // START is 10:00 UTC: two hours before the window
        assertThat(callsOf(campaign.id())).isEmpty();
        assertThat(service.get(campaign.id()).count(Campaign.PENDING)).isEqualTo(5);
        clock.advance(Duration.ofHours(2)); // 12:00 UTC
        runner.runAll();
        assertThat(callsOf(campaign.id())).hasSize(5).allSatisfy(call -> assertThat(call.scheduledAt())
                .isBetween(clock.instant(), clock.instant().plus(CampaignRunner.FIRST_SLOT_LEAD).plusSeconds(5)));
        assertCountsAddUp(campaign.id());
    }

    /** A contact put on the do-not-call list after it was drawn is withdrawn at its dial and counted as suppressed. */
    @Test
    void aCallWithdrawnForTheDoNotCallListCountsAsSuppressedNotCanceled() {
        Campaign campaign = campaign("5", 2);
        service.start(campaign.id());
        runner.runAll();
        List<Call> made = callsOf(campaign.id());
        assertThat(made).hasSize(2);
        doNotCall.put(new io.callscheduler.suppressions.Suppression(made.get(0).phoneNumber(), "asked not to be called",
                "test", null, clock.instant(), null, null));
        for (Call call : made) {
            Duration wait = Duration.between(clock.instant(), call.scheduledAt());
            clock.advance(wait.isNegative() ? Duration.ZERO : wait);
            dispatch.dispatch(new DispatchRequest(call.id(), call.scheduledAt(), "campaign"));
        }
        assertThat(calls.find(made.get(0).id()).orElseThrow().status()).isEqualTo(CallStatus.CANCELED);
        assertThat(provider.dialed).as("provider requests").hasSize(1);
        Campaign after = service.get(campaign.id());
        assertThat(after.count(Campaign.SUPPRESSED)).isEqualTo(1);
        assertThat(after.count(CallStatus.CANCELED)).isZero();
        assertThat(Campaign.countNames().stream().mapToLong(after::count).sum()).isEqualTo(after.contacts());
    }

    @Test
    void noContactIsDrawnBeforeStartAtAndTheCampaignStopsAtEndAt() {
        Campaign campaign = service.create(new NewCampaignRequest("Later", null, null, null, null, null, null, null,
                "1", null, null, START.plus(Duration.ofHours(1)).toString(), START.plus(Duration.ofHours(2)).toString()));
        service.addContacts(campaign.id(), List.of(new NewContact("+14155550100", Map.of())));
        service.start(campaign.id());
        assertThat(runner.runAll().drawn()).isZero();
        clock.advance(Duration.ofHours(2));
        runner.runAll();
        Campaign ended = service.get(campaign.id());
        assertThat(ended.state()).isEqualTo(CampaignState.STOPPED);
        assertThat(ended.stopReason()).startsWith("ended: its endAt");
        assertThat(ended.count(CallStatus.CANCELED)).isEqualTo(1);
    }
}
