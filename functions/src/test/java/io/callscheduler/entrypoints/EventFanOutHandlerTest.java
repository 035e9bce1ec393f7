package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.callscheduler.events.delivery.DeliveryMessage;
import io.callscheduler.events.delivery.DeliveryMessageJson;
import io.callscheduler.events.dynamodb.TableStream;
import io.callscheduler.events.endpoints.WebhookEndpoint;
import io.callscheduler.events.endpoints.dynamodb.DynamoDbEndpointStore;
import io.callscheduler.model.Call;
import io.callscheduler.store.dynamodb.DynamoDbCallStore;
import io.callscheduler.testing.LocalAws;
import io.callscheduler.testing.TestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fan-out function as Lambda runs it, wired by Services from its environment (as template.yaml sets it): a
 * DynamodbEvent of the table's real stream records in, the event queued, and the batch item failure answered in
 * the JSON Lambda reads.
 */
class EventFanOutHandlerTest {
    private static final LocalAws aws = LocalAws.get();
    private final String table = aws.newCallsTable();
    private final TableStream stream = new TableStream(aws, table);
    private final String queue = LocalAws.uniqueName("webhook-delivery");
    private final EventFanOutHandler handler;

    EventFanOutHandlerTest() {
        Map<String, String> env = new HashMap<>(aws.functionEnvironment(table, "unused", "dispatch", "http://127.0.0.1:9"));
        env.put("WEBHOOK_DELIVERY_QUEUE_URL", aws.sqs.createQueue(queue));
        env.put("WEBHOOK_DEAD_LETTER_QUEUE_URL", aws.sqs.createQueue(LocalAws.uniqueName("webhook-delivery-dlq")));
        handler = new EventFanOutHandler(env);
    }

    @AfterEach
    void closeStream() {
        stream.close();
    }

    private DynamodbEvent eventOfTheStream() {
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(stream.records().stream().map(record -> {
            DynamodbEvent.DynamodbStreamRecord streamRecord = new DynamodbEvent.DynamodbStreamRecord();
            streamRecord.setEventSource("aws:dynamodb");
            streamRecord.setDynamodb(record);
            return streamRecord;
        }).toList());
        return event;
    }

    private static String json(StreamsEventResponse response) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LambdaEventSerializers.serializerFor(StreamsEventResponse.class, EventFanOutHandlerTest.class.getClassLoader())
                .toJson(response, out);
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void queuesTheEventForTheEndpointAndAnswersNoFailure() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        WebhookEndpoint endpoint = new WebhookEndpoint("ep_" + table, "https://example.com/hooks", List.of("call.scheduled"),
                null, false, now, now, 1);
        new DynamoDbEndpointStore(aws.dynamoDb(), table).create(endpoint);
        new DynamoDbCallStore(aws.dynamoDb(), table).insert(Call.newScheduled("3f1b2c4d-0000-4000-8000-0000000000e1",
                "+14155550100", "Ada", null, now.plus(Duration.ofHours(1)), "UTC", now));

        StreamsEventResponse response = handler.handleRequest(eventOfTheStream(), new TestContext());

        assertThat(json(response)).isEqualTo("{\"batchItemFailures\":[]}");
        var received = aws.sqsClient().receiveMessage(r -> r.queueUrl(aws.sqs.queueUrl(queue)).maxNumberOfMessages(10)).messages();
        assertThat(received).singleElement().satisfies(m -> {
            DeliveryMessage message = DeliveryMessageJson.read(m.body());
            assertThat(message.endpointId()).isEqualTo(endpoint.id());
            assertThat(message.eventType()).isEqualTo("call.scheduled");
        });
    }

    @Test
    void answersTheRecordItCouldNotQueueAsTheBatchItemFailure() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        new DynamoDbEndpointStore(aws.dynamoDb(), table).create(new WebhookEndpoint("ep_" + table, "https://example.com/hooks",
                List.of("*"), null, false, now, now, 1));
        new DynamoDbCallStore(aws.dynamoDb(), table).insert(Call.newScheduled("3f1b2c4d-0000-4000-8000-0000000000e2",
                "+14155550100", "Ada", null, now.plus(Duration.ofHours(1)), "UTC", now));
        DynamodbEvent event = eventOfTheStream();
        String callRecord = event.getRecords().get(event.getRecords().size() - 1).getDynamodb().getSequenceNumber();
        aws.sqs.refuseNextSends(queue, 2);

        StreamsEventResponse response = handler.handleRequest(event, new TestContext());

        assertThat(json(response)).isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\"" + callRecord + "\"}]}");
    }
}
