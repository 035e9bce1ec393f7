package io.callscheduler.events.delivery;

import com.standardwebhooks.Webhook;
import io.callscheduler.events.deliveries.DeliveryRecord;
import io.callscheduler.events.deliveries.DeliveryState;
import io.callscheduler.events.deliveries.dynamodb.DynamoDbDeliveryLog;
import io.callscheduler.events.delivery.dynamodb.DynamoDbEndpointHealthLog;
import io.callscheduler.events.endpoints.EndpointUrls;
import io.callscheduler.events.endpoints.WebhookEndpoints;
import io.callscheduler.events.endpoints.dynamodb.DynamoDbEndpointStore;
import io.callscheduler.events.endpoints.secretsmanager.SecretsManagerSigningSecrets;
import io.callscheduler.events.retry.EndpointHealth;
import io.callscheduler.events.retry.RetrySchedule;
import io.callscheduler.simulator.CallApiSimulator;
import io.callscheduler.simulator.SimulatorSettings;
import io.callscheduler.simulator.TwilioVoice;
import io.callscheduler.simulator.receiver.ReceiverSettings;
import io.callscheduler.testing.LocalAws;
import io.callscheduler.testing.RecordingDeliveryQueue;
import io.callscheduler.testing.WebhookReceiver;
import io.callscheduler.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The delivery's steps against a real HTTP receiver, the endpoints and the log in DynamoDB Local, the secrets in the
 * emulated Secrets Manager, on a controlled clock; signatures checked with the Standard Webhooks library.
 */
class WebhookDeliveryTest {
    private static final Instant START = Instant.now().truncatedTo(ChronoUnit.HOURS);
    private static final String BODY = "{\"type\":\"call.completed\",\"timestamp\":\"" + START.minusSeconds(1)
            + "\",\"data\":{\"id\":\"c1\"}}";
    private final LocalAws aws = LocalAws.get();
    private final String table = aws.newCallsTable();
    private final MutableClock clock = new MutableClock(START);
    private final WebhookReceiver receiver = new WebhookReceiver();
    private final RecordingDeliveryQueue queue = new RecordingDeliveryQueue();
    private final List<String> disabled = new CopyOnWriteArrayList<>();
    private final DynamoDbEndpointStore store = new DynamoDbEndpointStore(aws.dynamoDb(), table);
    private final SecretsManagerSigningSecrets secrets = new SecretsManagerSigningSecrets(aws.secretsManagerClient(),
            LocalAws.uniqueName("delivery") + "/");
    /** Names the test points where it likes; any other resolves as usual. */
    private final Map<String, InetAddress[]> dns = new java.util.concurrent.ConcurrentHashMap<>();
    private final EndpointUrls.Resolver resolver = host -> dns.containsKey(host) ? dns.get(host) : InetAddress.getAllByName(host);
    private final EndpointUrls urls = new EndpointUrls(resolver, true);
    private final DynamoDbEndpointHealthLog health = new DynamoDbEndpointHealthLog(aws.dynamoDb(), table);
    private final WebhookEndpoints endpoints = new WebhookEndpoints(store, secrets, urls, health, clock);
    private final DynamoDbDeliveryLog log = new DynamoDbDeliveryLog(aws.dynamoDb(), table);
    private WebhookDelivery delivery;

    @BeforeEach
    void wire() {
        delivery = delivery(Duration.ofSeconds(15));
    }

    private WebhookDelivery delivery(Duration timeout) {
        return new WebhookDelivery(new WebhookDelivery.Endpoints(store, secrets, urls, resolver), new WebhookPost(timeout),
                log, health, queue, new RetrySchedule(() -> 0.5),
                new DeliveryMetrics() {
                    @Override
                    public void endpointDisabled(String reason) {
                        disabled.add(reason);
                    }

                    @Override
                    public void attempted(boolean delivered) {
                    }
                }, clock);
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private WebhookEndpoints.Created endpoint(String url) {
        return endpoints.create(url, List.of("call.completed"), null);
    }

    private static DeliveryMessage first(String endpointId, Instant queuedAt) {
        return DeliveryMessage.first(endpointId, "msg_0123456789abcdef0123456789abcdef", "call.completed", BODY, queuedAt);
    }

    private DeliveryRecord logged(DeliveryMessage message) {
        return log.find(message.endpointId(), message.webhookId()).orElseThrow();
    }

    private static List<String> signatures(WebhookReceiver.Received received) {
        return Arrays.asList(received.headers().get("webhook-signature").split(" "));
    }

    @Test
    void a2xxIsDeliveredOnceSignedAsTheSpecificationSaysAndLogged() throws Exception {
        WebhookEndpoints.Created created = endpoint(receiver.url("/hooks?crm=1"));
        DeliveryMessage message = first(created.endpoint().id(), START);
        receiver.answers(204, "");

        assertThat(delivery.deliver(message)).isEqualTo(WebhookDelivery.Result.DELIVERED);

        assertThat(receiver.received).hasSize(1);
        WebhookReceiver.Received got = receiver.received.get(0);
        assertThat(got.body()).isEqualTo(BODY);
        assertThat(got.headers()).containsEntry("webhook-id", message.webhookId())
                .containsEntry("webhook-timestamp", Long.toString(START.getEpochSecond()))
                .containsEntry("content-type", "application/json").containsKey("user-agent");
        assertThat(signatures(got)).containsExactly(new Webhook(created.secret()).sign(message.webhookId(), START.getEpochSecond(), BODY));
        DeliveryRecord record = logged(message);
        assertThat(record.state()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(record.body()).isEqualTo(BODY);
        assertThat(record.attempts()).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(204);
            assertThat(a.at()).isEqualTo(START);
            assertThat(a.outcome()).isEqualTo("delivered");
        });
        assertThat(queue.sent).isEmpty();
        assertThat(queue.deadLetters).isEmpty();
    }

    @Test
    void duringARotationBothSecretsSign() throws Exception {
        WebhookEndpoints.Created created = endpoint(receiver.url("/"));
        String next = endpoints.rotateSecret(created.endpoint().id()).secret();
        DeliveryMessage message = first(created.endpoint().id(), START);

        delivery.deliver(message);

        assertThat(signatures(receiver.received.get(0))).containsExactly(
                new Webhook(next).sign(message.webhookId(), START.getEpochSecond(), BODY),
                new Webhook(created.secret()).sign(message.webhookId(), START.getEpochSecond(), BODY));
    }

    @Test
    void a500IsRetriedAfterTheFirstStepWithTheSameWebhookIdAndTheAnswerLogged() {
        WebhookEndpoints.Created created = endpoint(receiver.url("/"));
        receiver.answers(500, "x".repeat(3000));
        DeliveryMessage message = first(created.endpoint().id(), START);

        assertThat(delivery.deliver(message)).isEqualTo(WebhookDelivery.Result.RETRYING);

        assertThat(queue.sent).singleElement().satisfies(sent -> {
            assertThat(sent.message().webhookId()).isEqualTo(message.webhookId());
            assertThat(sent.message().body()).isEqualTo(BODY);
            assertThat(sent.message().attempt()).isEqualTo(2);
            assertThat(sent.message().notBefore()).isEqualTo(START.plusSeconds(5));
            assertThat(sent.delay()).isEqualTo(Duration.ofSeconds(5));
        });
        DeliveryRecord record = logged(message);
        assertThat(record.state()).isEqualTo(DeliveryState.PENDING);
        assertThat(record.attempts()).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(500);
            assertThat(a.response()).hasSize(1024);
        });
    }

    @Test
    void a429sRetryAfterIsHonouredAndALaterRetryHopsUntilDue() {
        WebhookEndpoints.Created created = endpoint(receiver.url("/"));
        receiver.answers(429, "slow down").retryAfter("3600");
        DeliveryMessage message = first(created.endpoint().id(), START);

        delivery.deliver(message);

        RecordingDeliveryQueue.Sent retry = queue.sent.get(0);
        assertThat(retry.message().notBefore()).isEqualTo(START.plusSeconds(3600));
        assertThat(retry.delay()).as("SQS's longest delay").isEqualTo(Duration.ofMinutes(15));

        clock.advance(Duration.ofMinutes(15));
        assertThat(delivery.deliver(retry.message())).isEqualTo(WebhookDelivery.Result.NOT_YET_DUE);
        assertThat(queue.sent.get(1).message()).isEqualTo(retry.message());
        assertThat(receiver.received).as("not attempted before its time").hasSize(1);

        clock.advance(Duration.ofMinutes(45));
        receiver.answers(200, "ok");
        assertThat(delivery.deliver(retry.message())).isEqualTo(WebhookDelivery.Result.DELIVERED);
        assertThat(receiver.received).hasSize(2);
        assertThat(receiver.received.get(1).headers()).containsEntry("webhook-id", message.webhookId())
                .containsEntry("webhook-timestamp", Long.toString(START.plusSeconds(3600).getEpochSecond()));
        assertThat(logged(message).attempts()).extracting(a -> a.status()).containsExactly(429, 200);
    }

    @Test
    void a410DisablesTheEndpointAndEndsTheMessage() {
        WebhookEndpoints.Created created = endpoint(receiver.url("/"));
        receiver.answers(410, "gone");
        DeliveryMessage message = first(created.endpoint().id(), START);

        assertThat(delivery.deliver(message)).isEqualTo(WebhookDelivery.Result.ENDPOINT_DISABLED);

        assertThat(store.find(created.endpoint().id()).orElseThrow().disabled()).isTrue();
        assertThat(store.find(created.endpoint().id()).orElseThrow().version()).isEqualTo(created.endpoint().version() + 1);
        assertThat(disabled).containsExactly("GONE");
        assertThat(logged(message).state()).isEqualTo(DeliveryState.FAILED);
        assertThat(queue.sent).isEmpty();

        DeliveryMessage next = DeliveryMessage.first(created.endpoint().id(), "msg_ffffffffffffffffffffffffffffffff",
                "call.completed", BODY, START);
        assertThat(delivery.deliver(next)).isEqualTo(WebhookDelivery.Result.SKIPPED);
        assertThat(logged(next).state()).isEqualTo(DeliveryState.SKIPPED);
        assertThat(receiver.received).hasSize(1);
    }

    @Test
    void aReceiverThatHangsPastTheTimeoutIsAFailedAttemptWithoutAStatus() {
        WebhookEndpoints.Created created = endpoint(receiver.url("/"));
        receiver.hangs();
        DeliveryMessage message = first(created.endpoint().id(), START);

        assertThat(delivery(Duration.ofMillis(300)).deliver(message)).isEqualTo(WebhookDelivery.Result.RETRYING);

        assertThat(logged(message).attempts()).singleElement().satisfies(a -> {
            assertThat(a.status()).isNull();
            assertThat(a.error()).startsWith("no answer within");
        });
    }

    @Test
    void aBodyStalledAfterTheStatusIsBoundedByTheTimeoutAndTheStatusStands() throws Exception {
        try (CallApiSimulator simulator = CallApiSimulator.start("127.0.0.1", 0, null, SimulatorSettings.DEFAULTS,
                new CallApiSimulator.Secrets(new TwilioVoice.Credentials(TwilioVoice.Credentials.TEST_ACCOUNT_SID, "token"), "secret"))) {
            WebhookEndpoints.Created created = endpoint(simulator.uri().resolve("/webhooks").toString().replace("localhost", "127.0.0.1"));
            WebhookDelivery quick = delivery(Duration.ofMillis(500));

            simulator.receiver().configure(new ReceiverSettings(200, 0, 0, 30, 0));
            DeliveryMessage delivered = first(created.endpoint().id(), START);
            long start = System.nanoTime();
            assertThat(quick.deliver(delivered)).as("the receiver said 200").isEqualTo(WebhookDelivery.Result.DELIVERED);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(logged(delivered).attempts()).singleElement().satisfies(a -> {
                assertThat(a.status()).isEqualTo(200);
                assertThat(a.error()).isEqualTo("the body was not read within 500 ms");
            });

            simulator.receiver().configure(new ReceiverSettings(503, 60, 0, 30, 0));
            DeliveryMessage refused = message(created, "msg_cccccccccccccccccccccccccccccccc");
            assertThat(quick.deliver(refused)).isEqualTo(WebhookDelivery.Result.RETRYING);
            assertThat(logged(refused).attempts()).singleElement().satisfies(a -> assertThat(a.status()).isEqualTo(503));
            assertThat(queue.sent.get(queue.sent.size() - 1).message().notBefore())
                    .as("its Retry-After came with the headers").isEqualTo(clock.instant().plusSeconds(60));
        }
    }

    @Test
    void aStoredUrlWithAPortOutOfRangeIsAFailedAttemptNotACrash() {
        WebhookEndpoints.Created created = endpoint(receiver.url("/"));
        var stored = store.find(created.endpoint().id()).orElseThrow();
        store.update(new io.callscheduler.events.endpoints.WebhookEndpoint(stored.id(), "http://127.0.0.1:70000/",
                stored.events(), stored.description(), false, stored.createdAt(), stored.updatedAt(), stored.version() + 1),
                stored.version());
        DeliveryMessage message = first(created.endpoint().id(), START);

        assertThat(delivery.deliver(message)).isEqualTo(WebhookDelivery.Result.RETRYING);
        assertThat(logged(message).attempts()).singleElement().satisfies(a -> assertThat(a.error()).contains("port"));

        WebhookPost.Answer direct = new WebhookPost(Duration.ofSeconds(2)).post(java.net.URI.create("http://127.0.0.1:70000/"),
                Map.of(), BODY);
        assertThat(direct.status()).isNull();
        assertThat(direct.error()).startsWith("the request could not be made");
        assertThat(new WebhookPost(Duration.ofSeconds(2)).post(java.net.URI.create(receiver.url("/")),
                Map.of("webhook-id", "bad\nvalue"), BODY).error()).startsWith("the request could not be made");
    }

    @Test
    void theEighthFailedAttemptIsDeadLetteredAndMarkedFailed() {
        WebhookEndpoints.Created created = endpoint(receiver.url("/"));
        receiver.answers(503, "down");
        DeliveryMessage message = first(created.endpoint().id(), START);
        for (int attempt = 1; attempt < RetrySchedule.MAX_ATTEMPTS; attempt++) {
            assertThat(delivery.deliver(message)).isEqualTo(WebhookDelivery.Result.RETRYING);
            message = queue.sent.get(queue.sent.size() - 1).message();
            clock.advance(Duration.between(clock.instant(), message.notBefore()));
        }

        assertThat(delivery.deliver(message)).isEqualTo(WebhookDelivery.Result.FAILED);

        assertThat(queue.deadLetters).singleElement().satisfies(m -> assertThat(m.attempt()).isEqualTo(8));
        DeliveryRecord record = logged(message);
        assertThat(record.state()).isEqualTo(DeliveryState.FAILED);
        assertThat(record.attempts()).extracting(a -> a.attempt()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(receiver.received).extracting(r -> r.headers().get("webhook-id")).containsOnly(message.webhookId()).hasSize(8);
    }

    @Test
    void anEndpointFailingForFiveDaysIsDisabledAndCounted() {
        WebhookEndpoints.Created created = endpoint(receiver.url("/"));
        receiver.answers(500, "down");
        delivery.deliver(first(created.endpoint().id(), START));
        failWithinTheGapUntil(created, START.plus(EndpointHealth.DISABLE_AFTER).minusSeconds(1));

        clock.advance(Duration.ofSeconds(1));
        DeliveryMessage last = message(created, "msg_22222222222222222222222222222222");
        assertThat(delivery.deliver(last)).isEqualTo(WebhookDelivery.Result.ENDPOINT_DISABLED);

        assertThat(store.find(created.endpoint().id()).orElseThrow().disabled()).isTrue();
        assertThat(disabled).containsExactly("FAILING");
        assertThat(logged(last).state()).isEqualTo(DeliveryState.FAILED);
    }

    @Test
    void aSuccessEndsTheFailingStreak() {
        WebhookEndpoints.Created created = endpoint(receiver.url("/"));
        receiver.answers(500, "down");
        delivery.deliver(first(created.endpoint().id(), START));
        failWithinTheGapUntil(created, START.plus(Duration.ofDays(4)));
        receiver.answers(200, "ok");
        delivery.deliver(message(created, "msg_33333333333333333333333333333333"));
        receiver.answers(500, "down");
        failWithinTheGapUntil(created, START.plus(EndpointHealth.DISABLE_AFTER));

        assertThat(store.find(created.endpoint().id()).orElseThrow().disabled()).isFalse();
    }

    @Test
    void aFailureAfterAQuietSpellLongerThanTheLongestRetryWaitStartsANewStreak() {
        WebhookEndpoints.Created created = endpoint(receiver.url("/"));
        receiver.answers(500, "down");
        delivery.deliver(first(created.endpoint().id(), START));
        failWithinTheGapUntil(created, START.plus(Duration.ofDays(2)));
        clock.advance(RetrySchedule.LONGEST_WAIT.plusMillis(1));
        failWithinTheGapUntil(created, START.plus(EndpointHealth.DISABLE_AFTER).plus(Duration.ofDays(1)));

        clock.advance(Duration.ofDays(7));
        assertThat(delivery.deliver(message(created, "msg_77777777777777777777777777777777")))
                .as("one failure after a quiet week").isEqualTo(WebhookDelivery.Result.RETRYING);
        assertThat(store.find(created.endpoint().id()).orElseThrow().disabled()).isFalse();
    }

    @Test
    void reEnablingAnEndpointClearsItsStreak() {
        WebhookEndpoints.Created created = endpoint(receiver.url("/"));
        receiver.answers(500, "down");
        delivery.deliver(first(created.endpoint().id(), START));
        failWithinTheGapUntil(created, START.plus(EndpointHealth.DISABLE_AFTER).minusSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(delivery.deliver(message(created, "msg_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"))).isEqualTo(WebhookDelivery.Result.ENDPOINT_DISABLED);

        clock.advance(Duration.ofMinutes(5));
        endpoints.edit(created.endpoint().id(), new WebhookEndpoints.Edit(null, null, null, false, false));
        receiver.answers(429, "slow down");

        assertThat(delivery.deliver(message(created, "msg_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")))
                .as("one 429 after the re-enable").isEqualTo(WebhookDelivery.Result.RETRYING);
        assertThat(store.find(created.endpoint().id()).orElseThrow().disabled()).isFalse();
    }

    /** New messages failing one longest-wait apart (the streak goes on) up to {@code until}, none disabling. */
    private void failWithinTheGapUntil(WebhookEndpoints.Created created, Instant until) {
        while (clock.instant().isBefore(until)) {
            Duration step = Duration.between(clock.instant(), until);
            clock.advance(step.compareTo(RetrySchedule.LONGEST_WAIT) < 0 ? step : RetrySchedule.LONGEST_WAIT);
            assertThat(delivery.deliver(message(created, "msg_" + UUID.randomUUID().toString().replace("-", ""))))
                    .isEqualTo(WebhookDelivery.Result.RETRYING);
        }
    }

    private DeliveryMessage message(WebhookEndpoints.Created created, String webhookId) {
        return DeliveryMessage.first(created.endpoint().id(), webhookId, "call.completed", BODY, clock.instant());
    }

    @Test
    void aDuplicateOfADeliveredMessageIsDropped() {
        WebhookEndpoints.Created created = endpoint(receiver.url("/"));
        DeliveryMessage message = first(created.endpoint().id(), START);
        delivery.deliver(message);

        DeliveryMessage fannedOutAgain = first(created.endpoint().id(), START.plusMillis(7));
        assertThat(delivery.deliver(fannedOutAgain)).isEqualTo(WebhookDelivery.Result.DUPLICATE);
        assertThat(delivery.deliver(message)).as("SQS delivering the same message twice").isEqualTo(WebhookDelivery.Result.DUPLICATE);
        assertThat(receiver.received).hasSize(1);
    }

    @Test
    void whileDisabledANewEventIsSkippedRecoverablyAndACopyOfADeliveredOneLeavesItDelivered() {
        WebhookEndpoints.Created created = endpoint(receiver.url("/"));
        DeliveryMessage delivered = first(created.endpoint().id(), START);
        assertThat(delivery.deliver(delivered)).isEqualTo(WebhookDelivery.Result.DELIVERED);
        endpoints.edit(created.endpoint().id(), new WebhookEndpoints.Edit(null, null, null, false, true));

        DeliveryMessage duringTheDisable = message(created, "msg_cccccccccccccccccccccccccccccccc");
        assertThat(delivery.deliver(duringTheDisable)).isEqualTo(WebhookDelivery.Result.SKIPPED);
        assertThat(logged(duringTheDisable).state()).as("what recover brings back").isEqualTo(DeliveryState.SKIPPED);
        assertThat(delivery.deliver(first(created.endpoint().id(), START.plusMillis(7))))
                .as("the fan-out's second copy of the delivered message").isEqualTo(WebhookDelivery.Result.DUPLICATE);
        assertThat(logged(delivered).state()).as("not made recoverable").isEqualTo(DeliveryState.DELIVERED);
        assertThat(receiver.received).hasSize(1);
    }

    @Test
    void aNameThatNowResolvesToAPrivateOrMetadataAddressIsNotCalled() throws Exception {
        dns.put("hooks.example.test", new InetAddress[]{InetAddress.getLoopbackAddress()});
        WebhookEndpoints.Created created = endpoint("http://hooks.example.test:" + receiver.url("/").split(":")[2]);
        dns.put("hooks.example.test", new InetAddress[]{InetAddress.getByName("169.254.169.254")});
        DeliveryMessage message = first(created.endpoint().id(), START);

        assertThat(delivery.deliver(message)).isEqualTo(WebhookDelivery.Result.RETRYING);

        assertThat(receiver.received).isEmpty();
        assertThat(logged(message).attempts()).singleElement().satisfies(a -> {
            assertThat(a.status()).isNull();
            assertThat(a.error()).startsWith("refused").contains("169.254.169.254");
        });
    }

    @Test
    void aStoredUrlThatIsNoLongerAllowedIsARefusedAttemptNotAFault() {
        WebhookEndpoints.Created created = endpoint(receiver.url("/"));
        WebhookDelivery onAws = new WebhookDelivery(new WebhookDelivery.Endpoints(store, secrets,
                new EndpointUrls(resolver, false), resolver), new WebhookPost(), log,
                new DynamoDbEndpointHealthLog(aws.dynamoDb(), table), queue, new RetrySchedule(() -> 0.5), DeliveryMetrics.NONE, clock);
        DeliveryMessage message = first(created.endpoint().id(), START);

        assertThat(onAws.deliver(message)).isEqualTo(WebhookDelivery.Result.RETRYING);

        assertThat(receiver.received).isEmpty();
        assertThat(logged(message).attempts()).singleElement().satisfies(a -> assertThat(a.error()).contains("https"));
    }
}
