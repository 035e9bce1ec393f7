package io.callscheduler.events.dynamodb;

import io.callscheduler.config.Services;
import io.callscheduler.domain.NewCallRequest;
import io.callscheduler.domain.campaigns.ContactUploads;
import io.callscheduler.domain.campaigns.NewCampaignRequest;
import io.callscheduler.events.EventDerivation;
import io.callscheduler.events.OutboundEvent;
import io.callscheduler.model.Call;
import io.callscheduler.optout.KeypressOptOuts;
import io.callscheduler.store.dynamodb.DynamoDbCallStore;
import io.callscheduler.suppressions.dynamodb.DynamoDbSuppressionList;
import io.callscheduler.testing.AppUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application's own writers (the API's services: calls, contact uploads, the do-not-call list, keypress opt-outs)
 * on a table with its stream on: each change they make is seen once, with the event the derivation gives it.
 */
class ServiceWritesStreamTest {
    private static final AppUnderTest app = new AppUnderTest();
    private final TableStream stream = new TableStream(app.aws, app.table);
    private final Services services = app.services();

    @AfterAll
    static void close() {
        app.close();
    }

    private List<OutboundEvent> events() {
        List<OutboundEvent> events = new ArrayList<>();
        stream.records().forEach(record -> StreamImages.change(record, Instant.EPOCH)
                .ifPresent(change -> events.addAll(EventDerivation.derive(change))));
        stream.close();
        return events;
    }

    private static byte[] file(String... numbers) {
        return ("phoneNumber\n" + String.join("\n", numbers) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void createRescheduleCancelUploadsAndAnOptOutEachEmitTheirEventOnce() {
        var calls = services.callService();
        // The services run on the system clock: times relative to it, far enough ahead that nothing dials meanwhile.
        Instant inTwoDays = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
        Call created = calls.create(new NewCallRequest("+14155550100", inTwoDays.toString(), null, "Ada", null));
        Instant inThreeDays = inTwoDays.plus(Duration.ofDays(1));
        calls.reschedule(created.id(), inThreeDays.toString(), null);
        calls.cancel(created.id());
        calls.cancel(created.id()); // already canceled: answered unchanged, nothing written

        Call other = calls.create(new NewCallRequest("+14155550101", inThreeDays.toString(), null, null, null));
        services.suppressions().put("+14155550102", "asked us", null, null);
        // The deployment's own digit is off in the tests' environment: the same writer, offering 9.
        KeypressOptOuts optOuts = new KeypressOptOuts(new DynamoDbCallStore(app.aws.dynamoDb(), app.table),
                new DynamoDbSuppressionList(app.aws.dynamoDb(), app.table), "9", Clock.systemUTC());
        assertThat(optOuts.press(other.id(), null, "9")).isEqualTo(KeypressOptOuts.Outcome.OPTED_OUT);
        assertThat(optOuts.press(other.id(), null, "9")).isEqualTo(KeypressOptOuts.Outcome.OPTED_OUT);

        String campaign = services.campaigns().service().create(new NewCampaignRequest("Events", "Hello", null, null, null,
                null, null, null, null, null, null, null, null, null)).id();
        var uploads = services.campaigns().uploads();
        uploads.upload(new ContactUploads.Upload(campaign, file("+14155550103", "+14155550104"), false, null, null));
        uploads.upload(new ContactUploads.Upload(campaign, file("+14155550105"), true, null, null));
        uploads.upload(new ContactUploads.Upload(campaign, file("+14155550106"), false, null, "key-1"));
        var replayed = uploads.upload(new ContactUploads.Upload(campaign, file("+14155550106"), false, null, "key-1"));
        assertThat(replayed.replayed()).isTrue();

        List<OutboundEvent> events = events();
        List<String> expected = List.of("call.scheduled", "call.scheduled", "call.canceled", "call.scheduled",
                "contact.opted_out", "import.completed", "import.completed");
        assertThat(events).extracting(e -> e.type().wireName()).containsExactlyElementsOf(expected);
        assertThat(events.get(1).data().get("scheduledAt").asText()).as("the reschedule's new time").isEqualTo(inThreeDays.toString());
        assertThat(events.get(1).data().get("sequence").asLong()).isEqualTo(2);
        OutboundEvent keyless = events.get(expected.size() - 2);
        assertThat(keyless.data().get("imported").asInt()).as("an upload without a key").isEqualTo(2);
        assertThat(keyless.data().get("campaignId").asText()).isEqualTo(campaign);
        assertThat(events.get(expected.size() - 1).data().get("imported").asInt()).isEqualTo(1);
        assertThat(events).extracting(OutboundEvent::id).doesNotHaveDuplicates();
        var described = new io.callscheduler.testing.OpenApiAnswerCheck();
        for (OutboundEvent event : events) {
            assertThat(described.eventProblems(event.type().wireName(), event.payload()))
                    .as("%s as openapi.yaml's webhooks describe it", event.type().wireName()).isEmpty();
        }
    }
}
