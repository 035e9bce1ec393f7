package io.callscheduler.emulators;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SQS emulator through the real SDK client, which checks every MD5 the emulator sends back. */
class SqsEmulatorTest {
    @TempDir
    Path data;
    private AwsEndpoint endpoint;

    private SqsClient start(SqsEmulator sqs) throws Exception {
        if (endpoint != null) {
            endpoint.close();
        }
        endpoint = AwsEndpoint.start("127.0.0.1", 0).mount(sqs);
        return Sdk.sqs(endpoint.uri());
    }

    @AfterEach
    void stop() {
        endpoint.close();
    }

    @Test
    void sendReceiveDeleteWithAttributesAndVisibility() throws Exception {
        SqsClient sqs = start(new SqsEmulator("us-east-1", "000000000000", "http://localhost:4566", null, Clock.systemUTC()));
        String url = sqs.createQueue(r -> r.queueName("dlq")).queueUrl();
        assertThat(url).isEqualTo("http://localhost:4566/000000000000/dlq");

        sqs.sendMessage(r -> r.queueUrl(url).messageBody("{\"callId\":\"1\"}").messageAttributes(Map.of(
                "ERROR_CODE", MessageAttributeValue.builder().dataType("String").stringValue("Boom").build())));
        List<Message> received = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)
                .visibilityTimeout(30).messageAttributeNames("All").messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();

        assertThat(received).singleElement().satisfies(m -> {
            assertThat(m.body()).isEqualTo("{\"callId\":\"1\"}");
            assertThat(m.messageAttributes().get("ERROR_CODE").stringValue()).isEqualTo("Boom");
            assertThat(m.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).isEqualTo("1");
        });
        // Invisible while being handled, so a second reader does not see it.
        assertThat(sqs.receiveMessage(r -> r.queueUrl(url)).messages()).isEmpty();
        assertThat(sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.ALL)).attributes())
                .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "1");

        sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(received.get(0).receiptHandle()));
        assertThat(sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.ALL)).attributes())
                .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0")
                .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0");
    }

    @Test
    void sendMessageBatchSendsEachEntryOnItsOwnAndARefusedSendFailsItsEntryAlone() throws Exception {
        SqsEmulator emulator = new SqsEmulator("us-east-1", "000000000000", "http://localhost:4566", null, Clock.systemUTC());
        SqsClient sqs = start(emulator);
        String url = sqs.createQueue(r -> r.queueName("deliveries")).queueUrl();
        emulator.refuseNextSends("deliveries", 1);

        var answer = sqs.sendMessageBatch(r -> r.queueUrl(url).entries(
                e -> e.id("a").messageBody("first"), e -> e.id("b").messageBody("second").delaySeconds(0),
                e -> e.id("c").messageBody("third")));

        assertThat(answer.failed()).singleElement().satisfies(f -> {
            assertThat(f.id()).isEqualTo("a");
            assertThat(f.code()).isEqualTo("InternalError");
            assertThat(f.senderFault()).isFalse();
        });
        assertThat(answer.successful()).extracting(e -> e.id()).containsExactly("b", "c");
        assertThat(sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)).messages())
                .extracting(Message::body).containsExactly("second", "third");
        assertThatThrownBy(() -> sqs.sendMessageBatch(r -> r.queueUrl(url).entries(
                e -> e.id("x").messageBody("1"), e -> e.id("x").messageBody("2"))))
                .hasMessageContaining("Id x repeated").hasMessageContaining("Status Code: 400");
    }

    @Test
    void deadLettersPersistAcrossRestarts() throws Exception {
        SqsEmulator first = new SqsEmulator("us-east-1", "000000000000", "http://localhost:4566", data, Clock.systemUTC());
        first.createQueue("dlq");
        first.send("arn:aws:sqs:us-east-1:000000000000:dlq", "{\"callId\":\"2\"}", Map.of("ERROR_CODE", "ResourceNotFoundException"));

        SqsClient sqs = start(new SqsEmulator("us-east-1", "000000000000", "http://localhost:4566", data, Clock.systemUTC()));
        String url = sqs.getQueueUrl(r -> r.queueName("dlq")).queueUrl();
        List<Message> received = sqs.receiveMessage(r -> r.queueUrl(url).messageAttributeNames("All")).messages();

        assertThat(received).singleElement().satisfies(m -> {
            assertThat(m.body()).isEqualTo("{\"callId\":\"2\"}");
            assertThat(m.messageAttributes().get("ERROR_CODE").stringValue()).isEqualTo("ResourceNotFoundException");
        });
        assertThat(sqs.listQueues().queueUrls()).containsExactly(url);
    }

    @Test
    void unknownQueueIsTheTypedSdkError() throws Exception {
        SqsClient sqs = start(new SqsEmulator("us-east-1", "000000000000", "http://localhost:4566", null, Clock.systemUTC()));

        assertThatThrownBy(() -> sqs.getQueueUrl(r -> r.queueName("missing")))
                .isInstanceOf(QueueDoesNotExistException.class);
    }
    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        private volatile Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS); // moved by the test from here

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static List<String> bodies(SqsClient sqs, String url) {
        return sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)).messages().stream().map(Message::body).toList();
    }

    @Test
    void delayedMessagesStayInvisibleForTheirDelayEvenAcrossARestart() throws Exception {
        MovableClock clock = new MovableClock();
        SqsClient sqs = start(new SqsEmulator("us-east-1", "000000000000", "http://localhost:4566", data, clock));
        String url = sqs.createQueue(r -> r.queueName("retries").attributes(Map.of(QueueAttributeName.DELAY_SECONDS, "60"))).queueUrl();
        sqs.sendMessage(r -> r.queueUrl(url).messageBody("own delay").delaySeconds(900));
        sqs.sendMessage(r -> r.queueUrl(url).messageBody("queue delay"));

        assertThat(bodies(sqs, url)).isEmpty();
        clock.advance(Duration.ofSeconds(60));
        Message queueDelayed = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)).messages().get(0);
        assertThat(queueDelayed.body()).isEqualTo("queue delay");
        sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(queueDelayed.receiptHandle()));

        sqs = start(new SqsEmulator("us-east-1", "000000000000", "http://localhost:4566", data, clock)); // a restart
        clock.advance(Duration.ofSeconds(839));
        assertThat(bodies(sqs, url)).as("1 s before its 900 s").isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(bodies(sqs, url)).containsExactly("own delay");
        assertThat(sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.ALL)).attributes())
                .containsEntry(QueueAttributeName.DELAY_SECONDS, "60");
    }

    @Test
    void visibilityTimeoutsComeFromTheQueueAndChangeMessageVisibility() throws Exception {
        MovableClock clock = new MovableClock();
        SqsClient sqs = start(new SqsEmulator("us-east-1", "000000000000", "http://localhost:4566", null, clock));
        String url = sqs.createQueue(r -> r.queueName("work")).queueUrl();
        sqs.setQueueAttributes(r -> r.queueUrl(url).attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "120")));
        sqs.sendMessage(r -> r.queueUrl(url).messageBody("job"));

        Message first = sqs.receiveMessage(r -> r.queueUrl(url)).messages().get(0);
        clock.advance(Duration.ofSeconds(119));
        assertThat(bodies(sqs, url)).as("within the queue's 120 s").isEmpty();
        clock.advance(Duration.ofSeconds(1));
        Message second = sqs.receiveMessage(r -> r.queueUrl(url)).messages().get(0);
        assertThat(second.messageId()).isEqualTo(first.messageId());

        sqs.changeMessageVisibility(r -> r.queueUrl(url).receiptHandle(second.receiptHandle()).visibilityTimeout(0));
        assertThat(sqs.receiveMessage(r -> r.queueUrl(url).messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages())
                .singleElement().satisfies(m -> assertThat(m.attributes())
                        .containsEntry(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "3"));
        assertThatThrownBy(() -> sqs.setQueueAttributes(r -> r.queueUrl(url)
                .attributes(Map.of(QueueAttributeName.REDRIVE_POLICY, "{\"maxReceiveCount\": 0}"))))
                .hasMessageContaining("RedrivePolicy");
    }
}
