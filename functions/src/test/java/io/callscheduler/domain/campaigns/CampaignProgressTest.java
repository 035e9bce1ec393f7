package io.callscheduler.domain.campaigns;

import io.callscheduler.callinghours.CallingWindow;
import io.callscheduler.dispatch.DispatchRequest;
import io.callscheduler.domain.CallScripts;
import io.callscheduler.domain.CallingHours;
import io.callscheduler.domain.DialTriggers;
import io.callscheduler.domain.campaigns.progress.CampaignProgress;
import io.callscheduler.domain.dispatch.DispatchOutcome;
import io.callscheduler.domain.dispatch.DispatchService;
import io.callscheduler.model.Call;
import io.callscheduler.model.CallStatus;
import io.callscheduler.model.Campaign;
import io.callscheduler.model.NewContact;
import io.callscheduler.redial.RedialLimits;
import io.callscheduler.redial.RedialPolicy;
import io.callscheduler.store.CallFilter;
import io.callscheduler.store.dynamodb.DynamoDbCallStore;
import io.callscheduler.store.dynamodb.DynamoDbCampaignStore;
import io.callscheduler.testing.LocalAws;
import io.callscheduler.testing.MutableClock;
import io.callscheduler.testing.PlacingCallApi;
import io.callscheduler.testing.TestDispatch;
import io.callscheduler.testing.TestMoments;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A running campaign's dials a minute and ETA on DynamoDB Local, as its calls are drawn and dialed through the real
 * dispatch with a clock the test moves: each claim counts in its minute, in the transaction that moves the counts.
 */
class CampaignProgressTest {
    /** A Tuesday 10:00 UTC (10:00 or 11:00 in London), inside the deployment's 08:00-21:00. */
    private static final Instant START = TestMoments.next(DayOfWeek.TUESDAY, LocalTime.of(10, 0));
    private MutableClock clock;
    private DynamoDbCallStore calls;
    private DynamoDbCampaignStore campaigns;
    private CampaignService service;
    private CampaignRunner runner;
    private DispatchService dispatch;

    @BeforeEach
    void build() {
        clock = new MutableClock(START);
        String table = LocalAws.get().newCallsTable();
        String group = LocalAws.get().newScheduleGroup();
        calls = new DynamoDbCallStore(LocalAws.get().dynamoDb(), table);
        campaigns = new DynamoDbCampaignStore(LocalAws.get().dynamoDb(), table);
        CampaignRules rules = new CampaignRules(CallingWindow.parse("08:00-21:00", ""), 5, 0, RedialPolicy.OFF,
                RedialLimits.WIDEST, CallScripts.ScriptRules.NONE);
        service = new CampaignService(campaigns, rules, (id, reason) -> { }, clock);
        runner = new CampaignRunner(campaigns, calls, new DialTriggers(TestDispatch.scheduler(group), request -> { }, clock),
                CallingHours.ANY_TIME, clock);
        dispatch = TestDispatch.builder(calls, new PlacingCallApi(), group, clock).campaigns(campaigns).build();
    }

    /** Dials, in order, every call of the campaign due before {@code until}, each at its moment; each call then ends. */
    private int dialDueBefore(String campaignId, Instant until) {
        List<Call> due = new ArrayList<>(campaigns.calls(campaignId, CallFilter.of(CallStatus.SCHEDULED), 200, null).items());
        due.sort(Comparator.comparing(Call::scheduledAt));
        int dialed = 0;
        for (Call call : due) {
            if (!call.scheduledAt().isBefore(until)) {
                break;
            }
            if (call.scheduledAt().isAfter(clock.instant())) {
                clock.advance(Duration.between(clock.instant(), call.scheduledAt()));
            }
            assertThat(dispatch.dispatch(new DispatchRequest(call.id(), call.scheduledAt(), "campaign")))
                    .isEqualTo(DispatchOutcome.DIALED);
            Call dialing = calls.find(call.id()).orElseThrow();
            calls.replace(dialing, dialing.moveTo(CallStatus.COMPLETED, clock.instant(), "provider: completed"));
            dialed++;
        }
        return dialed;
    }

    @Test
    void dialsPerMinuteFollowTheDialsMinuteByMinuteAndOnlyTheLastMinutesAreKept() {
        Campaign campaign = service.create(new NewCampaignRequest("Survey", "Hello", null, null, null, null, "", "",
                "0.05", null, null, null, null)); // a dial every 20 s: 3 a minute
        List<NewContact> contacts = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            contacts.add(new NewContact("+44207946%04d".formatted(i), Map.of("calleeTimeZone", "Europe/London")));
        }
        service.addContacts(campaign.id(), contacts);
        service.start(campaign.id());
        assertThat(service.progress(service.get(campaign.id())).dialRate().perMinute()).isZero();

        runner.runAll();
        assertThat(dialDueBefore(campaign.id(), START.plusSeconds(25))).isEqualTo(2); // at :00 and :20
        CampaignProgress midMinute = service.progress(service.get(campaign.id()));
        assertThat(midMinute.dialRate().thisMinute()).isEqualTo(2);
        assertThat(midMinute.dialRate().perMinute()).as("the current minute is not in the rate").isZero();

        dialDueBefore(campaign.id(), START.plusSeconds(60));
        clock.advance(Duration.between(clock.instant(), START.plusSeconds(61)));
        CampaignProgress afterOne = service.progress(service.get(campaign.id()));
        assertThat(afterOne.dialRate().perMinute()).isEqualTo(0.6); // 3 dials in the last 5 minutes
        assertThat(afterOne.dialRate().thisMinute()).isZero();
        assertThat(afterOne.dialRate().to()).isEqualTo(START.plusSeconds(60));

        for (int minute = 1; minute < 12; minute++) {
            Instant next = START.plus(Duration.ofMinutes(minute + 1));
            runner.runAll();
            assertThat(dialDueBefore(campaign.id(), next)).as("dials in minute " + minute).isEqualTo(3);
            clock.advance(Duration.between(clock.instant(), next));
        }
        Campaign now = service.get(campaign.id());
        CampaignProgress after12 = service.progress(now);
        assertThat(after12.dialRate().perMinute()).isEqualTo(3.0);
        assertThat(after12.dialRate().from()).isEqualTo(START.plus(Duration.ofMinutes(7)));
        long current = clock.instant().getEpochSecond() / 60;
        assertThat(now.dialsByMinute().keySet()).as("only the last 10 minutes are kept on the item")
                .hasSize(10).allSatisfy(minute -> assertThat(minute).isBetween(current - 10, current - 1));
        assertThat(now.count(CallStatus.COMPLETED)).isEqualTo(36);

        // The ETA: the 64 left (pending, or drawn and waiting) at one every 20 s, London open now.
        long toDial = now.count(Campaign.PENDING) + now.count(CallStatus.SCHEDULED);
        assertThat(toDial).isEqualTo(64);
        assertThat(after12.eta().finishesAt()).isEqualTo(clock.instant().plusSeconds(64 * 20));
        assertThat(after12.eta().remaining()).isEqualTo(64);
        assertThat(after12.eta().basis()).contains("0.05 dials a second").contains("Europe/London (its latest call's zones)");
        service.pause(campaign.id());
        assertThat(service.progress(service.get(campaign.id())).eta().whyNone()).startsWith("paused");
    }
}
