package io.callscheduler.events.fanout;

import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import io.callscheduler.events.delivery.DeliveryMessage;
import io.callscheduler.events.delivery.DeliveryMessageJson;
import io.callscheduler.events.delivery.DeliveryQueue;
import io.callscheduler.events.delivery.DeliveryQueueException;
import io.callscheduler.events.delivery.sqs.SqsDeliveryQueue;
import io.callscheduler.events.dynamodb.TableStream;
import io.callscheduler.events.endpoints.WebhookEndpoint;
import io.callscheduler.events.endpoints.dynamodb.DynamoDbEndpointStore;
import io.callscheduler.model.Call;
import io.callscheduler.model.CallStatus;
import io.callscheduler.store.dynamodb.DynamoDbCallStore;
import io.callscheduler.testing.LocalAws;
import io.callscheduler.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fan-out flow on real stream records of DynamoDB Local, written by the real stores, into a real queue (the SQS
 * emulator through the SDK): what goes to which endpoint, what a retried record queues, and what a failure reports.
 */
class EventFanOutTest {
    private static final LocalAws aws = LocalAws.get();
    private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(1_900_000_000L));
    private final String table = aws.newCallsTable();
    private final TableStream stream = new TableStream(aws, table);
    private final DynamoDbCallStore calls = new DynamoDbCallStore(aws.dynamoDb(), table);
    private final DynamoDbEndpointStore endpoints = new DynamoDbEndpointStore(aws.dynamoDb(), table);
    private final String queueName = LocalAws.uniqueName("deliveries");
    private final SqsDeliveryQueue queue = new SqsDeliveryQueue(aws.sqsClient(), aws.sqs.createQueue(queueName),
            aws.sqs.createQueue(LocalAws.uniqueName("deliveries-dlq")));
    private final Subscribers subscribers = new Subscribers(endpoints, Subscribers.MAX_AGE, clock);
    private final EventFanOut fanOut = new EventFanOut(subscribers, queue, clock);
    private int endpointNumber;

    @AfterEach
    void closeStream() {
        stream.close();
    }

    private WebhookEndpoint endpoint(List<String> events, boolean disabled) {
        String id = "ep_" + (++endpointNumber) + "_" + table;
        WebhookEndpoint endpoint = new WebhookEndpoint(id, "https://example.com/hooks/" + endpointNumber, events, null,
                disabled, clock.instant(), clock.instant(), 1);
        endpoints.create(endpoint);
        return endpoint;
    }

    /** A call scheduled, dialed, answered and completed: the events call.scheduled, .dialing, .in_progress, .completed. */
    private void callCompleted(String id) {
        Call created = Call.newScheduled(id, "+14155550100", "Ada", null, clock.instant().plus(Duration.ofMinutes(10)),
                "UTC", clock.instant());
        calls.insert(created);
        Call dialing = calls.replace(created, created.claim(clock.instant(), "dispatch"));
        Call ringing = calls.replace(dialing, dialing.withProvider("CA01", "ringing"));
        Call answered = calls.replace(ringing, ringing.moveTo(CallStatus.IN_PROGRESS, clock.instant(), "answered"));
        calls.replace(answered, answered.moveTo(CallStatus.COMPLETED, clock.instant(), "completed"));
    }

    private List<DeliveryMessage> queued() {
        List<DeliveryMessage> all = new ArrayList<>();
        List<Message> page;
        do {
            page = aws.sqsClient().receiveMessage(r -> r.queueUrl(aws.sqs.queueUrl(queueName)).maxNumberOfMessages(10))
                    .messages();
            page.forEach(m -> all.add(DeliveryMessageJson.read(m.body())));
        } while (!page.isEmpty());
        return all;
    }

    @Test
    void eachEventGoesOnceToEveryEndpointThatWantsItAndEndpointItemsEmitNothing() {
        WebhookEndpoint everything = endpoint(List.of("*"), false);
        WebhookEndpoint completions = endpoint(List.of("call.completed"), false);
        // Disabled: its events are queued all the same, for the delivery to log as skipped (recoverable once enabled).
        WebhookEndpoint disabled = endpoint(List.of("call.completed"), true);
        endpoint(List.of("campaign.started"), false); // wants no call event
        callCompleted("3f1b2c4d-0000-4000-8000-000000000001");

        assertThat(fanOut.fanOut(stream.records())).isEmpty();

        List<DeliveryMessage> queued = queued();
        assertThat(queued).extracting(DeliveryMessage::endpointId, DeliveryMessage::eventType).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(everything.id(), "call.scheduled"),
                org.assertj.core.groups.Tuple.tuple(everything.id(), "call.dialing"),
                org.assertj.core.groups.Tuple.tuple(everything.id(), "call.in_progress"),
                org.assertj.core.groups.Tuple.tuple(everything.id(), "call.completed"),
                org.assertj.core.groups.Tuple.tuple(completions.id(), "call.completed"),
                org.assertj.core.groups.Tuple.tuple(disabled.id(), "call.completed"));
        assertThat(queued).allSatisfy(m -> {
            assertThat(m.attempt()).isEqualTo(1);
            assertThat(m.queuedAt()).isEqualTo(clock.instant());
            assertThat(m.body()).startsWith("{\"type\":\"" + m.eventType() + "\"");
        });
        // One event, one webhook-id and one body, whichever endpoint it goes to.
        List<DeliveryMessage> completed = queued.stream().filter(m -> m.eventType().equals("call.completed")).toList();
        assertThat(completed).extracting(DeliveryMessage::webhookId).containsOnly(completed.get(0).webhookId());
        assertThat(completed).extracting(DeliveryMessage::body).containsOnly(completed.get(0).body());
    }

    @Test
    void aRecordProcessedTwiceQueuesTheSameWebhookIdsAndBodies() {
        endpoint(List.of("*"), false);
        callCompleted("3f1b2c4d-0000-4000-8000-000000000002");
        List<StreamRecord> records = stream.records();

        fanOut.fanOut(records);
        List<DeliveryMessage> first = queued();
        clock.advance(Duration.ofMinutes(3)); // a retry comes later: the messages must not change with it
        fanOut.fanOut(records);
        List<DeliveryMessage> second = queued();

        assertThat(first).hasSize(4);
        assertThat(second).extracting(DeliveryMessage::webhookId, DeliveryMessage::body)
                .containsExactlyInAnyOrderElementsOf(first.stream()
                        .map(m -> org.assertj.core.groups.Tuple.tuple(m.webhookId(), m.body())).toList());
    }

    @Test
    void aRecordThatCouldNotBeQueuedIsReportedAloneAndTheRetryFromItLosesNothing() {
        endpoint(List.of("*"), false);
        callCompleted("3f1b2c4d-0000-4000-8000-000000000003");
        List<StreamRecord> records = stream.records();
        List<DeliveryMessage> expected = records.stream().flatMap(r -> fanOut.messages(r).stream()).toList();
        String inProgressId = expected.stream().filter(m -> m.eventType().equals("call.in_progress")).findFirst()
                .orElseThrow().webhookId();
        StreamRecord failing = records.stream()
                .filter(r -> fanOut.messages(r).stream().anyMatch(m -> m.webhookId().equals(inProgressId)))
                .findFirst().orElseThrow();
        FailingFor queueDown = new FailingFor(queue, inProgressId);

        var reported = new EventFanOut(subscribers, queueDown, clock).fanOut(records);

        assertThat(reported).contains(failing.getSequenceNumber());
        assertThat(queued()).extracting(DeliveryMessage::eventType).containsExactlyInAnyOrder("call.scheduled", "call.dialing");

        queueDown.recovered = true; // Lambda retries the batch from the reported record
        var retried = new EventFanOut(subscribers, queueDown, clock).fanOut(records.subList(records.indexOf(failing), records.size()));

        assertThat(retried).isEmpty();
        assertThat(queued()).extracting(DeliveryMessage::eventType).containsExactlyInAnyOrder("call.in_progress", "call.completed");
    }

    @Test
    void anSqsRefusalIsReportedAsThatRecordsFailure() {
        endpoint(List.of("*"), false);
        callCompleted("3f1b2c4d-0000-4000-8000-000000000004");
        List<StreamRecord> records = stream.records();
        StreamRecord firstEvent = records.stream().filter(r -> !fanOut.messages(r).isEmpty()).findFirst().orElseThrow();
        aws.sqs.refuseNextSends(queueName, 2); // its one message fails, and again when sent once more

        assertThat(fanOut.fanOut(records)).contains(firstEvent.getSequenceNumber());
        assertThat(queued()).isEmpty();
    }

    @Test
    void aNewEndpointStartsReceivingOnceTheCopyOfTheEndpointsIsMaxAgeOld() {
        endpoint(List.of("*"), false);
        callCompleted("3f1b2c4d-0000-4000-8000-000000000005");
        List<StreamRecord> records = stream.records();
        fanOut.fanOut(records);
        queued();

        WebhookEndpoint added = endpoint(List.of("*"), false);
        clock.advance(Subscribers.MAX_AGE.minusMillis(1));
        fanOut.fanOut(records);
        assertThat(queued()).extracting(DeliveryMessage::endpointId).doesNotContain(added.id());

        clock.advance(Duration.ofMillis(1));
        fanOut.fanOut(records);
        assertThat(queued()).extracting(DeliveryMessage::endpointId).contains(added.id());
    }

    /** The real queue, down for one webhook-id until it recovers. */
    private static final class FailingFor implements DeliveryQueue {
        private final DeliveryQueue queue;
        private final String webhookId;
        volatile boolean recovered;

        FailingFor(DeliveryQueue queue, String webhookId) {
            this.queue = queue;
            this.webhookId = webhookId;
        }

        @Override
        public void sendAll(List<DeliveryMessage> messages) {
            if (!recovered && messages.stream().anyMatch(m -> m.webhookId().equals(webhookId))) {
                throw new DeliveryQueueException("the queue is down", null);
            }
            queue.sendAll(messages);
        }

        @Override
        public void send(DeliveryMessage message, Duration delay) {
            queue.send(message, delay);
        }

        @Override
        public void deadLetter(DeliveryMessage message) {
            queue.deadLetter(message);
        }
    }
}
