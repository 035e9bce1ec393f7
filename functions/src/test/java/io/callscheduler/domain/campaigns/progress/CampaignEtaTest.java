package io.callscheduler.domain.campaigns.progress;

import io.callscheduler.callinghours.CallingWindow;
import io.callscheduler.model.CallScript;
import io.callscheduler.model.CallStatus;
import io.callscheduler.model.Campaign;
import io.callscheduler.model.CampaignState;
import io.callscheduler.testing.TestMoments;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The ETA's arithmetic, on moments found from today (TestMoments), never a fixed date. */
class CampaignEtaTest {
    private static final List<ZoneId> UTC = List.of(ZoneOffset.UTC);
    /** A Tuesday 10:00 UTC. */
    private static final Instant TUESDAY_10 = TestMoments.next(DayOfWeek.TUESDAY, LocalTime.of(10, 0));

    private static Campaign campaign(CampaignState state, double rate, String hours, String days, Instant startAt,
                                     Instant endAt, long pending, long scheduled, long dialing) {
        long total = pending + scheduled + dialing;
        return new Campaign("c1", "Reminders", CallScript.NONE, hours, days, rate, 0, null, startAt, endAt, state,
                TUESDAY_10, TUESDAY_10, null, null, total, Map.of(Campaign.PENDING, pending,
                CallStatus.SCHEDULED.name(), scheduled, CallStatus.DIALING.name(), dialing), 1);
    }

    private static CampaignEta.Eta eta(Campaign campaign, double deploymentRate, Instant now) {
        return CampaignEta.estimate(campaign, deploymentRate, CallingWindow.ANY, UTC, "test zones", now);
    }

    @Test
    void atAnyTimeItIsTheDialsLeftAtThePaceAndTheCallsOnThePhoneCountAsRemaining() {
        CampaignEta.Eta eta = eta(campaign(CampaignState.RUNNING, 2, "", "", null, null, 1000, 200, 3), 0, TUESDAY_10);
        assertThat(eta.finishesAt()).isEqualTo(TUESDAY_10.plusSeconds(600)); // 1,200 dials at 2 a second
        assertThat(eta.remaining()).isEqualTo(1203);
        assertThat(eta.basis()).contains("2 dials a second (its maxCallsPerSecond)").contains("at any time");
        assertThat(eta.whyNone()).isNull();
    }

    @Test
    void theRateIsBoundedByTheDeploymentsWhenThatIsLower() {
        CampaignEta.Eta eta = eta(campaign(CampaignState.RUNNING, 2, "", "", null, null, 600, 0, 0), 0.5, TUESDAY_10);
        assertThat(eta.finishesAt()).isEqualTo(TUESDAY_10.plusSeconds(1200)); // at 0.5 a second, not 2
        assertThat(eta.basis()).contains("0.5 dials a second (the deployment's MaxCallsPerSecond, below the campaign's 2)");
    }

    @Test
    void aWindowClosedNowStartsCountingWhenItOpensTomorrowAndStopsAtEachClosing() {
        Instant evening = TUESDAY_10.plus(Duration.ofHours(9)); // Tuesday 19:00, after 09:00-17:00
        // 8 hours of dialing at 1 a second = 28,800; 30,000 needs all of Wednesday and 20 minutes of Thursday.
        CampaignEta.Eta eta = eta(campaign(CampaignState.RUNNING, 1, "09:00-17:00", "Mon-Fri", null, null, 30_000, 0, 0),
                0, evening);
        ZonedDateTime wednesday9 = TUESDAY_10.atZone(ZoneOffset.UTC).plusDays(1).withHour(9);
        assertThat(eta.finishesAt()).isEqualTo(wednesday9.plusDays(1).plusMinutes(20).toInstant());
        assertThat(eta.basis()).contains("09:00-17:00 Mon,Tue,Wed,Thu,Fri read in Z (test zones)");

        // The weekend is skipped: from Friday 16:30, 1,800 + 1,800 dials finish on Monday at 09:30.
        Instant friday1630 = TUESDAY_10.atZone(ZoneOffset.UTC).plusDays(3).withHour(16).withMinute(30).toInstant();
        CampaignEta.Eta overWeekend = eta(campaign(CampaignState.RUNNING, 1, "09:00-17:00", "Mon-Fri", null, null,
                3_600, 0, 0), 0, friday1630);
        assertThat(overWeekend.finishesAt()).isEqualTo(friday1630.atZone(ZoneOffset.UTC).plusDays(3).withHour(9)
                .withMinute(30).toInstant());
    }

    @Test
    void theWindowIsReadInTheZonesGivenAndInsideTheDeploymentsOwn() {
        // 10:00 UTC is 06:00 in New York (summer) or 05:00 (winter): closed until 09:00 there.
        ZoneId newYork = ZoneId.of("America/New_York");
        CampaignEta.Eta eta = CampaignEta.estimate(campaign(CampaignState.RUNNING, 1, "", "", null, null, 60, 0, 0), 0,
                CallingWindow.parse("09:00-17:00", ""), List.of(newYork), "its latest call's zones", TUESDAY_10);
        Instant nineThere = TUESDAY_10.atZone(newYork).withHour(9).withMinute(0).toInstant();
        assertThat(eta.finishesAt()).isEqualTo(nineThere.plusSeconds(60));
        assertThat(eta.basis()).contains("read in America/New_York (its latest call's zones)");
    }

    @Test
    void aStartAtAheadIsWhereTheCountingStarts() {
        Instant startAt = TUESDAY_10.plus(Duration.ofHours(2));
        CampaignEta.Eta eta = eta(campaign(CampaignState.RUNNING, 1, "", "", startAt, null, 100, 0, 0), 0, TUESDAY_10);
        assertThat(eta.finishesAt()).isEqualTo(startAt.plusSeconds(100));
    }

    @Test
    void anEndAtThatComesFirstGivesNoDateButHowManyWouldBeLeft() {
        // 10:00-11:00 open at 1 a second: 3,600 of 5,000 dialed by the endAt at 11:00.
        Instant endAt = TUESDAY_10.plus(Duration.ofHours(1));
        CampaignEta.Eta eta = eta(campaign(CampaignState.RUNNING, 1, "", "", null, endAt, 5_000, 0, 0), 0, TUESDAY_10);
        assertThat(eta.finishesAt()).isNull();
        assertThat(eta.leftAtEnd()).isEqualTo(1_400);
        assertThat(eta.whyNone()).isEqualTo("its endAt (" + endAt + ") comes first: about 1400 contacts would be left then");

        // The window closes before the endAt: only its open time counts (09:00-10:30 from 10:00, so 1,800).
        CampaignEta.Eta windowed = eta(campaign(CampaignState.RUNNING, 1, "09:00-10:30", "", null,
                TUESDAY_10.plus(Duration.ofDays(1)), 10_000, 0, 0), 0, TUESDAY_10);
        assertThat(windowed.leftAtEnd()).as("30 min today, and Wednesday's 09:00-10:00 before the endAt at 10:00")
                .isEqualTo(10_000 - 1_800 - 3_600);
    }

    @Test
    void pausedDraftStoppedAndCompletedCampaignsHaveNoDateAndSayWhy() {
        assertThat(eta(campaign(CampaignState.PAUSED, 1, "", "", null, null, 10, 0, 0), 0, TUESDAY_10))
                .satisfies(eta -> {
                    assertThat(eta.finishesAt()).isNull();
                    assertThat(eta.remaining()).isEqualTo(10);
                    assertThat(eta.whyNone()).isEqualTo("paused: no estimate until it is resumed");
                });
        assertThat(eta(campaign(CampaignState.DRAFT, 1, "", "", null, null, 10, 0, 0), 0, TUESDAY_10).whyNone())
                .isEqualTo("not started: it starts when you start it");
        assertThat(eta(campaign(CampaignState.STOPPED, 1, "", "", null, null, 0, 0, 0), 0, TUESDAY_10).whyNone())
                .startsWith("stopped");
        assertThat(eta(campaign(CampaignState.COMPLETED, 1, "", "", null, null, 0, 0, 0), 0, TUESDAY_10).whyNone())
                .startsWith("completed");
    }

    @Test
    void zonesThatNeverShareAnOpenMomentGiveNoDate() {
        CampaignEta.Eta eta = CampaignEta.estimate(campaign(CampaignState.RUNNING, 1, "", "", null, null, 10, 0, 0), 0,
                CallingWindow.parse("09:00-10:00", ""), List.of(ZoneId.of("Asia/Tokyo"), ZoneId.of("Europe/London")),
                "its latest call's zones", TUESDAY_10);
        assertThat(eta.finishesAt()).isNull();
        assertThat(eta.whyNone()).contains("never open in all of Asia/Tokyo, Europe/London");
    }

    @Test
    void withEveryContactDialedTheEtaIsNow() {
        CampaignEta.Eta eta = eta(campaign(CampaignState.RUNNING, 1, "", "", null, null, 0, 0, 2), 0, TUESDAY_10);
        assertThat(eta.finishesAt()).isEqualTo(TUESDAY_10);
        assertThat(eta.remaining()).isEqualTo(2);
        assertThat(eta.basis()).contains("the last calls are under way");
    }
}
