package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import io.callscheduler.events.endpoints.EndpointHealthReset;
import io.callscheduler.events.deliveries.Deliveries;
import io.callscheduler.events.deliveries.dynamodb.DynamoDbDeliveryLog;
import io.callscheduler.events.delivery.DeliveryMessage;
import io.callscheduler.events.delivery.DeliveryMetrics;
import io.callscheduler.events.delivery.WebhookDelivery;
import io.callscheduler.events.delivery.WebhookPost;
import io.callscheduler.events.delivery.dynamodb.DynamoDbEndpointHealthLog;
import io.callscheduler.events.endpoints.EndpointUrls;
import io.callscheduler.events.endpoints.WebhookEndpoints;
import io.callscheduler.events.endpoints.dynamodb.DynamoDbEndpointStore;
import io.callscheduler.events.endpoints.secretsmanager.SecretsManagerSigningSecrets;
import io.callscheduler.events.retry.RetrySchedule;
import io.callscheduler.testing.ApiEvents;
import io.callscheduler.testing.LocalAws;
import io.callscheduler.testing.MutableClock;
import io.callscheduler.events.deliveries.DeliveryState;
import io.callscheduler.testing.RecordingDeliveryQueue;
import io.callscheduler.testing.TestContext;
import io.callscheduler.testing.WebhookReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The delivery-log routes over DynamoDB Local and the emulated Secrets Manager, with the delivery itself taking what
 * they queue to a real receiver: the log as read, replay and recover with the same webhook-id, a test event.
 */
class WebhookDeliveriesApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant START = Instant.now().truncatedTo(ChronoUnit.HOURS);
    private static final String BODY = "{\"type\":\"call.failed\",\"timestamp\":\"" + START.minusSeconds(60)
            + "\",\"data\":{\"id\":\"c9\"}}";
    private final LocalAws aws = LocalAws.get();
    private final String table = aws.newCallsTable();
    private final MutableClock clock = new MutableClock(START);
    private final WebhookReceiver receiver = new WebhookReceiver();
    private final RecordingDeliveryQueue queue = new RecordingDeliveryQueue();
    private final DynamoDbEndpointStore store = new DynamoDbEndpointStore(aws.dynamoDb(), table);
    private final SecretsManagerSigningSecrets secrets = new SecretsManagerSigningSecrets(aws.secretsManagerClient(),
            LocalAws.uniqueName("deliveries") + "/");
    private final EndpointUrls urls = new EndpointUrls(EndpointUrls.Resolver.SYSTEM, true);
    private final WebhookEndpoints endpoints = new WebhookEndpoints(store, secrets, urls, EndpointHealthReset.NONE, clock);
    private final DynamoDbDeliveryLog log = new DynamoDbDeliveryLog(aws.dynamoDb(), table);
    private final WebhookDelivery delivery = new WebhookDelivery(new WebhookDelivery.Endpoints(store, secrets, urls,
            EndpointUrls.Resolver.SYSTEM), new WebhookPost(), log, new DynamoDbEndpointHealthLog(aws.dynamoDb(), table),
            queue, new RetrySchedule(() -> 0.5), DeliveryMetrics.NONE, clock);
    private final Deliveries deliveries = new Deliveries(store, log, queue, clock);
    private final ListWebhookDeliveriesHandler list = new ListWebhookDeliveriesHandler(deliveries, "*");
    private final ReplayWebhookDeliveryHandler replay = new ReplayWebhookDeliveryHandler(deliveries, "*");
    private final RecoverWebhookDeliveriesHandler recover = new RecoverWebhookDeliveriesHandler(deliveries, "*");
    private final TestWebhookEndpointHandler test = new TestWebhookEndpointHandler(deliveries, "*");

    @AfterEach
    void stop() {
        receiver.close();
    }

    private static APIGatewayProxyRequestEvent request(String method, String resource, Map<String, String> path,
                                                       Map<String, String> query) {
        String concrete = resource;
        for (Map.Entry<String, String> p : path.entrySet()) {
            concrete = concrete.replace("{" + p.getKey() + "}", p.getValue());
        }
        return ApiEvents.event(method, resource, concrete, null, path, query);
    }

    private static JsonNode answer(APIGatewayProxyResponseEvent response, int status) throws Exception {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
        return JSON.readTree(response.getBody());
    }

    private APIGatewayProxyResponseEvent deliveriesOf(String id, Map<String, String> query) {
        return list.handleRequest(request("GET", "/webhook-endpoints/{id}/deliveries", Map.of("id", id), query), new TestContext());
    }

    /** Runs the delivery on everything queued so far, each message when it is due. */
    private void deliverQueued() {
        while (!queue.sent.isEmpty()) {
            DeliveryMessage next = queue.sent.remove(0).message();
            if (next.notBefore() != null && next.notBefore().isAfter(clock.instant())) {
                clock.advance(Duration.between(clock.instant(), next.notBefore()));
            }
            delivery.deliver(next);
        }
    }

    /** A message that failed all its attempts. */
    private DeliveryMessage failedMessage(String endpointId, String webhookId) {
        receiver.answers(500, "down");
        DeliveryMessage message = DeliveryMessage.first(endpointId, webhookId, "call.failed", BODY, clock.instant());
        queue.sent.add(new RecordingDeliveryQueue.Sent(message, Duration.ZERO));
        deliverQueued();
        return message;
    }

    /**
     * ListWebhookDeliveriesFunction's environment in template.yaml has no queue (it reads the log only): its handler
     * must start without one. It did not, and the local cloud, which starts every function, could not start at all.
     */
    @Test
    void theLogsReaderStartsFromAnEnvironmentWithoutTheDeliveryQueue() throws Exception {
        Map<String, String> environment = aws.functionEnvironment(table, aws.newScheduleGroup(), "dispatch", "http://localhost:9");
        assertThat(environment).doesNotContainKeys("WEBHOOK_DELIVERY_QUEUE_URL", "WEBHOOK_DEAD_LETTER_QUEUE_URL");
        ListWebhookDeliveriesHandler reader = new ListWebhookDeliveriesHandler(environment);
        String id = endpoints.create(receiver.url("/"), null, null).endpoint().id();

        JsonNode page = answer(reader.handleRequest(request("GET", "/webhook-endpoints/{id}/deliveries", Map.of("id", id),
                null), new TestContext()), 200);
        assertThat(page.get("items")).isEmpty();
    }

    @Test
    void theLogShowsEachMessageWithItsPayloadAndAttemptsAndReplayQueuesTheSameWebhookId() throws Exception {
        WebhookEndpoints.Created created = endpoints.create(receiver.url("/"), null, null);
        String id = created.endpoint().id();
        DeliveryMessage failed = failedMessage(id, "msg_00000000000000000000000000000001");

        JsonNode page = answer(deliveriesOf(id, Map.of("state", "failed")), 200);
        JsonNode item = page.get("items").get(0);
        assertThat(item.get("id").asText()).isEqualTo(failed.webhookId());
        assertThat(item.get("state").asText()).isEqualTo("failed");
        assertThat(item.get("payload")).isEqualTo(JSON.readTree(BODY));
        assertThat(item.get("attempts")).hasSize(RetrySchedule.MAX_ATTEMPTS);
        assertThat(item.get("attempts").get(0).get("status").asInt()).isEqualTo(500);
        assertThat(item.get("attempts").get(0).get("response").asText()).isEqualTo("down");

        receiver.answers(200, "ok");
        JsonNode replayed = answer(replay.handleRequest(request("POST", "/webhook-endpoints/{id}/deliveries/{messageId}/replay",
                Map.of("id", id, "messageId", failed.webhookId()), null), new TestContext()), 202);
        assertThat(replayed.get("id").asText()).isEqualTo(failed.webhookId());
        assertThat(queue.sent).singleElement().satisfies(sent -> {
            assertThat(sent.message().webhookId()).isEqualTo(failed.webhookId());
            assertThat(sent.message().attempt()).isEqualTo(1);
            assertThat(sent.message().body()).isEqualTo(BODY);
        });
        deliverQueued();

        WebhookReceiver.Received last = receiver.received.get(receiver.received.size() - 1);
        assertThat(last.headers()).containsEntry("webhook-id", failed.webhookId());
        assertThat(last.body()).isEqualTo(BODY);
        assertThat(answer(deliveriesOf(id, Map.of()), 200).get("items").get(0).get("state").asText()).isEqualTo("delivered");
    }

    @Test
    void recoverQueuesWhatFailedSinceThenAndAnswersHowMany() throws Exception {
        String id = endpoints.create(receiver.url("/"), null, null).endpoint().id();
        DeliveryMessage early = failedMessage(id, "msg_00000000000000000000000000000002");
        Instant since = clock.instant().plusSeconds(1);
        clock.advance(Duration.ofHours(1));
        DeliveryMessage late = failedMessage(id, "msg_00000000000000000000000000000003");

        JsonNode answered = answer(recover.handleRequest(request("POST", "/webhook-endpoints/{id}/recover", Map.of("id", id),
                Map.of("since", since.toString())), new TestContext()), 202);

        assertThat(answered.get("recovered").asInt()).isEqualTo(1);
        assertThat(queue.sent).extracting(s -> s.message().webhookId()).containsExactly(late.webhookId());
        assertThat(early.webhookId()).isNotEqualTo(late.webhookId());
    }

    @Test
    void aRecoverThatCannotQueueLeavesTheMessagesFailedForTheNextRecoverAndAReplayLikewise() throws Exception {
        String id = endpoints.create(receiver.url("/"), null, null).endpoint().id();
        Instant since = clock.instant();
        DeliveryMessage failed = failedMessage(id, "msg_00000000000000000000000000000004");
        queue.refuseNextSendAlls.set(2);

        assertThat(answer(recover.handleRequest(request("POST", "/webhook-endpoints/{id}/recover", Map.of("id", id),
                Map.of("since", since.toString())), new TestContext()), 503).get("error").get("code").asText())
                .as("SQS unavailable").isEqualTo("SERVICE_UNAVAILABLE");
        answer(replay.handleRequest(request("POST", "/webhook-endpoints/{id}/deliveries/{messageId}/replay",
                Map.of("id", id, "messageId", failed.webhookId()), null), new TestContext()), 503);
        assertThat(log.find(id, failed.webhookId()).orElseThrow().state()).as("not pending with nothing queued")
                .isEqualTo(DeliveryState.FAILED);

        receiver.answers(200, "ok");
        assertThat(answer(recover.handleRequest(request("POST", "/webhook-endpoints/{id}/recover", Map.of("id", id),
                Map.of("since", since.toString())), new TestContext()), 202).get("recovered").asInt()).isEqualTo(1);
        deliverQueued();
        assertThat(log.find(id, failed.webhookId()).orElseThrow().state()).isEqualTo(DeliveryState.DELIVERED);
    }

    @Test
    void recoverBringsBackWhatWasSkippedWhileDisabledOnePageAtATime() throws Exception {
        String id = endpoints.create(receiver.url("/"), null, null).endpoint().id();
        Instant since = clock.instant();
        endpoints.edit(id, new WebhookEndpoints.Edit(null, null, null, false, true));
        for (int n = 0; n < 3; n++) {
            queue.sent.add(new RecordingDeliveryQueue.Sent(DeliveryMessage.first(id, String.format("msg_%032d", 10 + n),
                    "call.failed", BODY, clock.instant()), Duration.ZERO));
            clock.advance(Duration.ofSeconds(1));
        }
        deliverQueued();
        assertThat(receiver.received).isEmpty();
        endpoints.edit(id, new WebhookEndpoints.Edit(null, null, null, false, false));
        RecoverWebhookDeliveriesHandler boundedRecover = new RecoverWebhookDeliveriesHandler(
                new Deliveries(store, new DynamoDbDeliveryLog(aws.dynamoDb(), table, 2, DynamoDbDeliveryLog.ANSWER_BUDGET_CHARS), queue, clock), "*");

        List<Integer> recovered = new ArrayList<>();
        Map<String, String> query = new HashMap<>(Map.of("since", since.toString()));
        JsonNode answered;
        do {
            answered = answer(boundedRecover.handleRequest(request("POST", "/webhook-endpoints/{id}/recover",
                    Map.of("id", id), query), new TestContext()), 202);
            recovered.add(answered.get("recovered").asInt());
            if (answered.get("more").asBoolean()) {
                query.put("nextToken", answered.get("nextToken").asText());
            }
        } while (answered.get("more").asBoolean());
        assertThat(recovered).containsExactly(2, 1);

        deliverQueued();
        assertThat(receiver.received).extracting(r -> r.headers().get("webhook-id"))
                .containsExactlyInAnyOrder("msg_" + "0".repeat(30) + "10", "msg_" + "0".repeat(30) + "11", "msg_" + "0".repeat(30) + "12");
    }

    @Test
    void recoverRefusesATimeOutsideTheLogsThirtyDays() throws Exception {
        String id = endpoints.create(receiver.url("/"), null, null).endpoint().id();
        for (String since : List.of(START.plusSeconds(60).toString(), START.minus(Duration.ofDays(31)).toString(), "yesterday")) {
            JsonNode error = answer(recover.handleRequest(request("POST", "/webhook-endpoints/{id}/recover", Map.of("id", id),
                    Map.of("since", since)), new TestContext()), 400).get("error");
            assertThat(error.get("field").asText()).as(since).isEqualTo("since");
        }
        assertThat(answer(recover.handleRequest(request("POST", "/webhook-endpoints/{id}/recover", Map.of("id", id), null),
                new TestContext()), 400).get("error").get("code").asText()).isEqualTo("MISSING_FIELD");
    }

    @Test
    void aTestEventIsSignedDeliveredAndLogged() throws Exception {
        WebhookEndpoints.Created created = endpoints.create(receiver.url("/"), List.of("call.completed"), null);
        String id = created.endpoint().id();

        JsonNode queued = answer(test.handleRequest(request("POST", "/webhook-endpoints/{id}/test", Map.of("id", id), null),
                new TestContext()), 202);
        assertThat(answer(deliveriesOf(id, Map.of()), 200).get("items").get(0).get("state").asText()).isEqualTo("pending");
        deliverQueued();

        WebhookReceiver.Received got = receiver.received.get(0);
        assertThat(got.headers()).containsEntry("webhook-id", queued.get("id").asText());
        assertThat(JSON.readTree(got.body()).get("type").asText()).isEqualTo("webhook.test");
        assertThat(got.headers().get("webhook-signature")).isEqualTo(new Webhook(created.secret())
                .sign(queued.get("id").asText(), START.getEpochSecond(), got.body()));
        assertThat(answer(deliveriesOf(id, Map.of()), 200).get("items").get(0).get("state").asText()).isEqualTo("delivered");
    }

    @Test
    void unknownEndpointsAndMessagesAre404AndADisabledEndpoint409() throws Exception {
        String id = endpoints.create(receiver.url("/"), null, null).endpoint().id();
        String unknown = "00000000-0000-4000-8000-000000000000";
        assertThat(answer(deliveriesOf(unknown, Map.of()), 404).get("error").get("field").asText()).isEqualTo("id");
        assertThat(answer(replay.handleRequest(request("POST", "/webhook-endpoints/{id}/deliveries/{messageId}/replay",
                Map.of("id", id, "messageId", "msg_ffffffffffffffffffffffffffffffff"), null), new TestContext()), 404)
                .get("error").get("field").asText()).isEqualTo("messageId");
        assertThat(answer(deliveriesOf(id, Map.of("state", "lost")), 400).get("error").get("field").asText()).isEqualTo("state");

        endpoints.edit(id, new WebhookEndpoints.Edit(null, null, null, false, true));
        assertThat(answer(test.handleRequest(request("POST", "/webhook-endpoints/{id}/test", Map.of("id", id), null),
                new TestContext()), 409).get("error").get("code").asText()).isEqualTo("ENDPOINT_DISABLED");
        assertThat(queue.sent).isEmpty();
    }
}
