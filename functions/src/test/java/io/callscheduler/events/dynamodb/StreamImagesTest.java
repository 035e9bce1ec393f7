package io.callscheduler.events.dynamodb;

import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import io.callscheduler.destinations.NumberQuota;
import io.callscheduler.events.EventDerivation;
import io.callscheduler.events.ItemChange;
import io.callscheduler.events.OutboundEvent;
import io.callscheduler.events.StoredItem;
import io.callscheduler.lines.dynamodb.DynamoDbCallLines;
import io.callscheduler.model.Call;
import io.callscheduler.model.CallScript;
import io.callscheduler.model.CallStatus;
import io.callscheduler.model.Campaign;
import io.callscheduler.model.CampaignState;
import io.callscheduler.model.Contact;
import io.callscheduler.model.ContactUploadAnswer;
import io.callscheduler.model.ContactUploadRecord;
import io.callscheduler.model.IdempotencyRecord;
import io.callscheduler.model.NewContact;
import io.callscheduler.optout.KeypressOptOuts;
import io.callscheduler.pacing.dynamodb.DynamoDbDialPacer;
import io.callscheduler.store.IndexPosition;
import io.callscheduler.store.dynamodb.DynamoDbCallStore;
import io.callscheduler.store.dynamodb.DynamoDbCampaignStore;
import io.callscheduler.store.dynamodb.DynamoDbContactUploadStore;
import io.callscheduler.suppressions.Suppression;
import io.callscheduler.suppressions.dynamodb.DynamoDbSuppressionList;
import io.callscheduler.testing.LocalAws;
import io.callscheduler.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every item kind written by the real stores to DynamoDB Local, read from the table's stream as the fan-out function
 * will get it, decoded, and derived: each change emits its event once, and the kinds that emit none decode to nothing.
 */
class StreamImagesTest {
    private static final LocalAws aws = LocalAws.get();
    private static final String NUMBER = "+14155550100";
    private final String table = aws.newCallsTable();
    private final TableStream stream = new TableStream(aws, table);
    private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(1_900_000_000L));
    private final DynamoDbCallStore calls = new DynamoDbCallStore(aws.dynamoDb(), table);
    private final DynamoDbCampaignStore campaigns = new DynamoDbCampaignStore(aws.dynamoDb(), table);
    private final DynamoDbSuppressionList suppressions = new DynamoDbSuppressionList(aws.dynamoDb(), table);

    @AfterEach
    void closeStream() {
        stream.close();
    }

    private Instant later() {
        clock.advance(Duration.ofSeconds(3));
        return clock.instant();
    }

    @Test
    void everyWriteOfEveryKindIsDecodedAndEachChangeEmitsItsEventOnce() {
        Call created = Call.newScheduled("3f1b2c4d-0000-4000-8000-00000000000a", NUMBER, "Ada", null,
                clock.instant().plus(Duration.ofMinutes(10)), "UTC", clock.instant());
        calls.insert(created, new IdempotencyRecord("create-1", "fingerprint", created.id(), clock.instant().plus(Duration.ofDays(1))),
                new NumberQuota(NUMBER, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), 3));
        Call dialing = calls.replace(created, created.claim(later(), "dispatch"));
        new DynamoDbDialPacer(aws.dynamoDb(), table, 5).reserve(clock.instant());
        new DynamoDbCallLines(aws.dynamoDb(), table, 3).take(created.id(), clock.instant());
        Call ringing = calls.replace(dialing, dialing.withProvider("CA01", "ringing"));
        Call answered = calls.replace(ringing, ringing.moveTo(CallStatus.IN_PROGRESS, later(), "answered"));
        Call completed = calls.replace(answered, answered.moveTo(CallStatus.COMPLETED, later(), "completed"));
        calls.saveCursor("COMPLETED", IndexPosition.after(completed));

        Campaign draft = new Campaign("7a1b2c3d-0000-4000-8000-00000000000a", "spring", CallScript.NONE, "", "", 1.0, 0,
                null, null, null, CampaignState.DRAFT, clock.instant(), clock.instant(), null, null, 0, Map.of(), 1);
        campaigns.insert(draft);
        campaigns.addContacts(draft.id(), List.of(new NewContact("+14155550101", Map.of("name", "Bo"))));
        Campaign fresh = campaigns.find(draft.id()).orElseThrow();
        Campaign running = campaigns.replace(fresh, fresh.withState(CampaignState.RUNNING, later(), null));
        Contact contact = campaigns.pendingContacts(draft.id(), 10).get(0);
        Call drawn = Call.newScheduled("3f1b2c4d-0000-4000-8000-00000000000b", contact.phoneNumber(), null, null,
                clock.instant(), "UTC", clock.instant()).withCampaignId(draft.id());
        assertThat(campaigns.draw(contact, drawn)).isEqualTo(io.callscheduler.store.CampaignStore.Drawn.DRAWN);

        suppressions.put(new Suppression("+14155550102", "asked us", "api", null, later(), null, null));
        KeypressOptOuts optOuts = new KeypressOptOuts(calls, suppressions, "9", clock);
        later();
        assertThat(optOuts.press(completed.id(), "CA01", "9")).isEqualTo(KeypressOptOuts.Outcome.OPTED_OUT);
        assertThat(optOuts.press(completed.id(), "CA01", "9")).as("Twilio's retry: nothing written").isEqualTo(KeypressOptOuts.Outcome.OPTED_OUT);
        new DynamoDbContactUploadStore(aws.dynamoDb(), table).saveUpload(new ContactUploadRecord(draft.id(), "upload#1",
                "fingerprint", new ContactUploadAnswer(false, 1, 1, 0, 0, 0, 1, List.of(), false),
                clock.instant().plus(Duration.ofDays(1))), clock.instant());
        Campaign current = campaigns.find(draft.id()).orElseThrow();
        campaigns.replace(current, current.withState(CampaignState.PAUSED, later(), null));

        List<StreamRecord> records = stream.records();
        List<OutboundEvent> events = new ArrayList<>();
        TreeSet<String> silentKinds = new TreeSet<>();
        for (StreamRecord record : records) {
            Optional<ItemChange> change = StreamImages.change(record, clock.instant());
            String id = record.getKeys().get("id").getS();
            if (change.isEmpty()) {
                silentKinds.add(id.contains("#") ? id.substring(0, id.indexOf('#')) : "?" + id);
                continue;
            }
            events.addAll(EventDerivation.derive(change.get()));
        }

        assertThat(events).extracting(e -> e.type().wireName()).containsExactly("call.scheduled", "call.dialing",
                "call.in_progress", "call.completed", "campaign.started", "call.scheduled", "contact.opted_out",
                "import.completed", "campaign.paused");
        var described = new io.callscheduler.testing.OpenApiAnswerCheck();
        for (OutboundEvent event : events) {
            assertThat(described.eventProblems(event.type().wireName(), event.payload()))
                    .as("%s as openapi.yaml's webhooks describe it", event.type().wireName()).isEmpty();
        }
        assertThat(silentKinds).as("the kinds that emit nothing decode to nothing")
                .containsExactly("contact", "idempotency-key", "lines", "pacer", "quota", "sync-cursor");
        assertThat(events.get(3).data().get("sequence").asLong()).isEqualTo(completed.version()).isEqualTo(5);
        assertThat(events.get(3).data().get("externalCallId").asText()).isEqualTo("CA01");
        assertThat(events.get(4).data().get("id").asText()).isEqualTo(running.id());
        assertThat(events.get(5).data().get("campaignId").asText()).isEqualTo(draft.id());
        assertThat(events.get(6).data().get("callId").asText()).isEqualTo(completed.id());
        assertThat(events.get(7).data().get("imported").asInt()).isEqualTo(1);

        List<OutboundEvent> again = new ArrayList<>();
        records.forEach(record -> StreamImages.change(record, clock.instant().plusSeconds(60))
                .ifPresent(change -> again.addAll(EventDerivation.derive(change))));
        assertThat(again).as("the same records processed again: the same messages").isEqualTo(events);
    }

    @Test
    void imagesDecodeWithTheStoresOwnMappersToWhatWasWritten() {
        Call created = Call.newScheduled("3f1b2c4d-0000-4000-8000-00000000000c", NUMBER, "Ada", "bring notes",
                clock.instant().plus(Duration.ofMinutes(10)), "Europe/Paris", List.of("America/New_York"),
                new CallScript("+14155550199", "Hello", "alice", "en-US", null, "9"), clock.instant());
        calls.insert(created);
        Suppression entry = new Suppression("+14155550103", "asked", "page", clock.instant().plus(Duration.ofDays(30))
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS), clock.instant(), null, null);
        suppressions.put(entry);

        List<StreamRecord> records = stream.records();
        assertThat(StreamImages.item(records.get(0).getNewImage())).contains(new StoredItem.StoredCall(created));
        assertThat(StreamImages.item(records.get(1).getNewImage())).contains(new StoredItem.StoredSuppression(entry));
        assertThat(records.get(0).getOldImage()).isNull();
        assertThat(StreamImages.item(null)).isEmpty();
        assertThat(StreamImages.item(Map.of())).isEmpty();
    }

    @Test
    void concurrentWritersRacingForOneChangeEmitItOnce() throws Exception {
        Call created = Call.newScheduled("3f1b2c4d-0000-4000-8000-00000000000d", NUMBER, null, null,
                clock.instant().plus(Duration.ofMinutes(10)), "UTC", clock.instant());
        calls.insert(created);
        // Eight deliveries of the same schedule claim the call at once: the store's version check lets one write.
        int writers = 8;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
        var start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<Boolean>> claims = new ArrayList<>();
        Instant now = later();
        for (int i = 0; i < writers; i++) {
            claims.add(pool.submit(() -> {
                start.await();
                try {
                    calls.replace(created, created.claim(now, "dispatch"));
                    return true;
                } catch (io.callscheduler.store.ConcurrentUpdateException lost) {
                    return false;
                }
            }));
        }
        start.countDown();
        int won = 0;
        for (var claim : claims) {
            won += claim.get() ? 1 : 0;
        }
        pool.shutdown();

        List<OutboundEvent> events = new ArrayList<>();
        stream.records().forEach(record -> StreamImages.change(record, clock.instant())
                .ifPresent(change -> events.addAll(EventDerivation.derive(change))));
        assertThat(won).isEqualTo(1);
        assertThat(events).extracting(e -> e.type().wireName()).containsExactly("call.scheduled", "call.dialing");
    }
}
