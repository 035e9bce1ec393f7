package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.callscheduler.events.endpoints.EndpointHealthReset;
import io.callscheduler.events.deliveries.dynamodb.DynamoDbDeliveryLog;
import io.callscheduler.events.delivery.DeliveryMessage;
import io.callscheduler.events.delivery.DeliveryMessageJson;
import io.callscheduler.events.delivery.RecordedDeliveryMetrics;
import io.callscheduler.events.delivery.WebhookDelivery;
import io.callscheduler.events.delivery.WebhookPost;
import io.callscheduler.events.delivery.dynamodb.DynamoDbEndpointHealthLog;
import io.callscheduler.events.endpoints.EndpointUrls;
import io.callscheduler.events.endpoints.WebhookEndpoints;
import io.callscheduler.events.endpoints.dynamodb.DynamoDbEndpointStore;
import io.callscheduler.events.endpoints.secretsmanager.SecretsManagerSigningSecrets;
import io.callscheduler.events.retry.RetrySchedule;
import io.callscheduler.metrics.Datapoint;
import io.callscheduler.testing.LocalAws;
import io.callscheduler.testing.MutableClock;
import io.callscheduler.testing.RecordingDeliveryQueue;
import io.callscheduler.testing.TestContext;
import io.callscheduler.testing.WebhookReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The delivery function's batch: each message on its own, a fault of ours handed back to SQS, never lost. */
class WebhookDeliveryHandlerTest {
    private static final Instant START = Instant.now().truncatedTo(ChronoUnit.HOURS);
    private final LocalAws aws = LocalAws.get();
    private final String table = aws.newCallsTable();
    private final MutableClock clock = new MutableClock(START);
    private final WebhookReceiver receiver = new WebhookReceiver();
    private final RecordingDeliveryQueue queue = new RecordingDeliveryQueue();
    private final List<Datapoint> published = new CopyOnWriteArrayList<>();
    private final DynamoDbEndpointStore store = new DynamoDbEndpointStore(aws.dynamoDb(), table);
    private final SecretsManagerSigningSecrets secrets = new SecretsManagerSigningSecrets(aws.secretsManagerClient(),
            LocalAws.uniqueName("handler") + "/");
    private final EndpointUrls urls = new EndpointUrls(EndpointUrls.Resolver.SYSTEM, true);
    private final WebhookEndpoints endpoints = new WebhookEndpoints(store, secrets, urls, EndpointHealthReset.NONE, clock);

    @AfterEach
    void stop() {
        receiver.close();
    }

    private WebhookDeliveryHandler handler(String logTable) {
        RecordedDeliveryMetrics metrics = new RecordedDeliveryMetrics(published::addAll);
        return new WebhookDeliveryHandler(new WebhookDelivery(new WebhookDelivery.Endpoints(store, secrets, urls,
                EndpointUrls.Resolver.SYSTEM), new WebhookPost(), new DynamoDbDeliveryLog(aws.dynamoDb(), logTable),
                new DynamoDbEndpointHealthLog(aws.dynamoDb(), table), queue, new RetrySchedule(() -> 0.5), metrics, clock), metrics);
    }

    private static SQSEvent batch(String... bodies) {
        List<SQSEvent.SQSMessage> records = new java.util.ArrayList<>();
        for (int i = 0; i < bodies.length; i++) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId("m" + i);
            record.setBody(bodies[i]);
            records.add(record);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    private String message(String endpointId, String webhookId) {
        return DeliveryMessageJson.write(DeliveryMessage.first(endpointId, webhookId, "call.completed",
                "{\"type\":\"call.completed\"}", START));
    }

    @Test
    void anUnreadableMessageGoesBackToItsQueueAndTheOthersAreDelivered() {
        String id = endpoints.create(receiver.url("/"), null, null).endpoint().id();

        SQSBatchResponse response = handler(table).handleRequest(batch(message(id, "msg_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
                "{not json", message(id, "msg_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")), new TestContext());

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("m1");
        assertThat(receiver.received).extracting(r -> r.headers().get("webhook-id"))
                .containsExactlyInAnyOrder("msg_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "msg_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
        assertThat(published).extracting(Datapoint::name).contains("WebhookAttempts");
    }

    @Test
    void whenTheLogCannotBeWrittenTheMessageIsHandedBackUnsent() {
        String id = endpoints.create(receiver.url("/"), null, null).endpoint().id();

        SQSBatchResponse response = handler("no-such-table").handleRequest(
                batch(message(id, "msg_cccccccccccccccccccccccccccccccc")), new TestContext());

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("m0");
        assertThat(receiver.received).isEmpty();
    }

    @Test
    void aBatchOfHangingReceiversTakesOneTimeoutNotTheSumOfThem() {
        receiver.hangs();
        String id = endpoints.create(receiver.url("/"), null, null).endpoint().id();
        RecordedDeliveryMetrics metrics = new RecordedDeliveryMetrics(published::addAll);
        WebhookDeliveryHandler handler = new WebhookDeliveryHandler(new WebhookDelivery(new WebhookDelivery.Endpoints(
                store, secrets, urls, EndpointUrls.Resolver.SYSTEM), new WebhookPost(Duration.ofMillis(800)),
                new DynamoDbDeliveryLog(aws.dynamoDb(), table), new DynamoDbEndpointHealthLog(aws.dynamoDb(), table), queue,
                new RetrySchedule(() -> 0.5), metrics, clock), metrics);
        String[] bodies = new String[10];
        for (int i = 0; i < bodies.length; i++) {
            bodies[i] = message(id, "msg_" + String.format("%032d", i));
        }

        long start = System.nanoTime();
        SQSBatchResponse response = handler.handleRequest(batch(bodies), new TestContext());

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(queue.sent).hasSize(10);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(800 * 5));
    }
}
