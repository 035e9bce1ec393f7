package io.callscheduler.events;

import io.callscheduler.events.StoredItem.StoredCampaign;
import io.callscheduler.events.StoredItem.StoredSuppression;
import io.callscheduler.events.StoredItem.StoredUpload;
import io.callscheduler.model.CallScript;
import io.callscheduler.model.Campaign;
import io.callscheduler.model.CampaignState;
import io.callscheduler.model.ContactUploadAnswer;
import io.callscheduler.model.ContactUploadRecord;
import io.callscheduler.optout.KeypressOptOuts;
import io.callscheduler.suppressions.Suppression;
import io.callscheduler.testing.MutableClock;
import io.callscheduler.views.CampaignViews;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.callscheduler.events.EventType.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The events of campaigns' states, keypress opt-outs and finished contact uploads. */
class CampaignAndContactEventsTest {
    private static final String CAMPAIGN_ID = "7a1b2c3d-0000-4000-8000-000000000001";
    private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(1_900_000_000L));
    private final Campaign draft = new Campaign(CAMPAIGN_ID, "spring", CallScript.NONE, "", "", 1.0, 0, null, null, null,
            CampaignState.DRAFT, clock.instant(), clock.instant(), null, null, 0, Map.of(), 1);

    private Campaign moved(Campaign before, CampaignState state) {
        clock.advance(Duration.ofMinutes(1));
        return before.withState(state, clock.instant(), null).withVersion(before.version() + 1);
    }

    private List<OutboundEvent> campaignEvents(Campaign before, Campaign after) {
        return EventDerivation.derive(new ItemChange("campaign#" + CAMPAIGN_ID, before == null ? null : new StoredCampaign(before),
                after == null ? null : new StoredCampaign(after), clock.instant()));
    }

    private List<EventType> campaignTypes(Campaign before, Campaign after) {
        return campaignEvents(before, after).stream().map(OutboundEvent::type).toList();
    }

    @Test
    void startPauseResumeAndCompleteEmitTheirEventsAndAResumeIsStartedFromPaused() {
        Campaign running = moved(draft, CampaignState.RUNNING);
        Campaign paused = moved(running, CampaignState.PAUSED);
        Campaign resumed = moved(paused, CampaignState.RUNNING);
        Campaign completed = moved(resumed, CampaignState.COMPLETED);

        assertThat(campaignTypes(null, draft)).as("created, a draft").isEmpty();
        assertThat(campaignTypes(draft, running)).containsExactly(CAMPAIGN_STARTED);
        assertThat(campaignTypes(running, paused)).containsExactly(CAMPAIGN_PAUSED);
        assertThat(campaignTypes(paused, resumed)).containsExactly(CAMPAIGN_STARTED);
        assertThat(campaignTypes(resumed, completed)).containsExactly(CAMPAIGN_COMPLETED);
        assertThat(campaignEvents(draft, running).get(0).data().get("previousState").asText()).isEqualTo("DRAFT");
        assertThat(campaignEvents(paused, resumed).get(0).data().get("previousState").asText()).isEqualTo("PAUSED");
        assertThat(campaignEvents(draft, running).get(0).id()).as("a start and a resume are two messages")
                .isNotEqualTo(campaignEvents(paused, resumed).get(0).id());
    }

    @Test
    void aStopAnEditAndCountsEmitNothing() {
        Campaign running = moved(draft, CampaignState.RUNNING);
        assertThat(campaignTypes(running, moved(running, CampaignState.STOPPED))).isEmpty();
        Campaign counted = new Campaign(CAMPAIGN_ID, "spring", CallScript.NONE, "", "", 1.0, 0, null, null, null,
                CampaignState.RUNNING, running.createdAt(), clock.instant(), clock.instant(), null, 10,
                Map.of(Campaign.PENDING, 9L, "DIALING", 1L), running.version() + 1);
        assertThat(campaignTypes(running, counted)).isEmpty();
        Campaign edited = running.edited("summer", CallScript.NONE, "08:00-20:00", "", 2.0, 3, null, null, null,
                clock.instant()).withVersion(running.version() + 1);
        assertThat(campaignTypes(running, edited)).isEmpty();
    }

    @Test
    void theCampaignDataIsTheCampaignAsTheApiShowsItWithItsCountsPlusSequence() {
        Campaign running = moved(draft, CampaignState.RUNNING);
        OutboundEvent event = campaignEvents(draft, running).get(0);
        assertThat(event.data()).isEqualTo(CampaignViews.full(running).put("sequence", 2L).put("previousState", "DRAFT"));
        assertThat(event.data().get("progress").get("counts").get("pending").asLong()).isZero();
        assertThat(event.timestamp()).isEqualTo(running.updatedAt());
    }

    private List<EventType> optOutTypes(Suppression before, Suppression after) {
        return EventDerivation.derive(new ItemChange("suppression#+14155550100", before == null ? null
                : new StoredSuppression(before), after == null ? null : new StoredSuppression(after), clock.instant()))
                .stream().map(OutboundEvent::type).toList();
    }

    private Suppression press(String callId) {
        return new Suppression("+14155550100", KeypressOptOuts.REASON, KeypressOptOuts.SOURCE, null, clock.instant(), callId, "9");
    }

    @Test
    void aKeypressOptOutIsOptedOutOnceAndEntriesByTheApiOrAnImportAreNot() {
        Suppression byApi = new Suppression("+14155550100", "asked us", "api", null, clock.instant(), null, null);
        Suppression typedKeypress = new Suppression("+14155550100", "typed", KeypressOptOuts.SOURCE, null, clock.instant(),
                null, null);

        assertThat(optOutTypes(null, press("call-1"))).containsExactly(CONTACT_OPTED_OUT);
        assertThat(optOutTypes(byApi, press("call-1"))).as("a listed number opting out by keypress").containsExactly(CONTACT_OPTED_OUT);
        assertThat(optOutTypes(press("call-1"), press("call-2"))).as("again, in another call").containsExactly(CONTACT_OPTED_OUT);
        assertThat(optOutTypes(press("call-1"), press("call-1"))).as("the same press written again").isEmpty();
        assertThat(optOutTypes(null, byApi)).isEmpty();
        assertThat(optOutTypes(null, typedKeypress)).as("source keypress typed into the API, no evidence").isEmpty();
        assertThat(optOutTypes(press("call-1"), byApi)).as("overwritten by the API").isEmpty();
        assertThat(optOutTypes(press("call-1"), null)).as("removed").isEmpty();

        OutboundEvent event = EventDerivation.derive(new ItemChange("suppression#+14155550100", null,
                new StoredSuppression(press("call-1")), clock.instant())).get(0);
        assertThat(event.data().get("phoneNumber").asText()).isEqualTo("+14155550100");
        assertThat(event.data().get("callId").asText()).isEqualTo("call-1");
        assertThat(event.data().get("digit").asText()).isEqualTo("9");
        assertThat(event.data().get("active").asBoolean()).isTrue();
        assertThat(event.timestamp()).isEqualTo(clock.instant());
    }

    private ContactUploadRecord upload(boolean dryRun, Instant expiresAt) {
        return new ContactUploadRecord(CAMPAIGN_ID, "key-1", "f1ngerprint",
                new ContactUploadAnswer(dryRun, 10, 8, 2, 1, 1, 8, List.of(), false), expiresAt);
    }

    private List<OutboundEvent> uploadEvents(ContactUploadRecord before, ContactUploadRecord after) {
        return EventDerivation.derive(new ItemChange("campaign-import#" + CAMPAIGN_ID + "#key-1",
                before == null ? null : new StoredUpload(before), after == null ? null : new StoredUpload(after), clock.instant()));
    }

    @Test
    void anUploadsRecordWrittenIsImportCompletedWithItsCounts() {
        ContactUploadRecord first = upload(false, clock.instant().plus(Duration.ofDays(1)));
        List<OutboundEvent> events = uploadEvents(null, first);
        assertThat(events).extracting(OutboundEvent::type).containsExactly(IMPORT_COMPLETED);
        assertThat(events.get(0).data().get("campaignId").asText()).isEqualTo(CAMPAIGN_ID);
        assertThat(events.get(0).data().get("imported").asInt()).isEqualTo(8);
        assertThat(events.get(0).data().get("rejected").asInt()).isEqualTo(2);

        clock.advance(Duration.ofDays(2));
        ContactUploadRecord second = upload(false, clock.instant().plus(Duration.ofDays(1)));
        assertThat(uploadEvents(first, second)).as("a new upload under the expired key").hasSize(1);
        assertThat(uploadEvents(first, second).get(0).id()).isNotEqualTo(events.get(0).id());
        assertThat(uploadEvents(second, null)).as("expired by TTL").isEmpty();
        assertThat(uploadEvents(null, upload(true, clock.instant()))).as("a dry run").isEmpty();
    }
}
