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
}
