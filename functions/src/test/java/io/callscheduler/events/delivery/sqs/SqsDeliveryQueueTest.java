package io.callscheduler.events.delivery.sqs;

import io.callscheduler.events.delivery.DeliveryMessage;
import io.callscheduler.events.delivery.DeliveryMessageJson;
import io.callscheduler.events.delivery.DeliveryQueueException;
import io.callscheduler.testing.LocalAws;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SQS adapter through the real SDK client against the project's SQS emulator. */
class SqsDeliveryQueueTest {
    private static final LocalAws aws = LocalAws.get();
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.HOURS);
    private final SqsClient sqs = aws.sqsClient();
    private final String queue = LocalAws.uniqueName("deliveries");
    private final String deadLetters = LocalAws.uniqueName("deliveries-dlq");
    private final SqsDeliveryQueue deliveries = new SqsDeliveryQueue(sqs,
            aws.sqs.createQueue(queue), aws.sqs.createQueue(deadLetters));

    private static DeliveryMessage message(int n) {
        return DeliveryMessage.first("ep_" + n, "msg_" + n, "call.completed", "{\"type\":\"call.completed\",\"n\":" + n + "}", NOW);
    }

    private List<DeliveryMessage> drain(String name) {
        List<DeliveryMessage> all = new ArrayList<>();
        List<Message> page;
        do {
            page = sqs.receiveMessage(r -> r.queueUrl(aws.sqs.queueUrl(name)).maxNumberOfMessages(10)).messages();
            page.forEach(m -> all.add(DeliveryMessageJson.read(m.body())));
        } while (!page.isEmpty());
        return all;
    }

    @Test
    void sendAllQueuesEveryMessageInBatchesOfTenAsTheContractsJson() {
        List<DeliveryMessage> messages = IntStream.range(0, 23).mapToObj(SqsDeliveryQueueTest::message).toList();

        deliveries.sendAll(messages);

        assertThat(drain(queue)).containsExactlyInAnyOrderElementsOf(messages);
    }

    @Test
    void anEntryFailedOnceIsSentAgainAndNothingIsLostOrDoubled() {
        List<DeliveryMessage> messages = IntStream.range(0, 10).mapToObj(SqsDeliveryQueueTest::message).toList();
        aws.sqs.refuseNextSends(queue, 3); // the first three entries of the batch fail; their second send succeeds

        deliveries.sendAll(messages);

        assertThat(drain(queue)).containsExactlyInAnyOrderElementsOf(messages);
    }

    @Test
    void anEntryFailedTwiceIsADomainExceptionNamingIt() {
        aws.sqs.refuseNextSends(queue, 3); // both fail in the batch, then message 0 fails again when the two are re-sent

        assertThatThrownBy(() -> deliveries.sendAll(List.of(message(0), message(1))))
                .isInstanceOf(DeliveryQueueException.class).hasMessageContaining("1 of 2").hasMessageContaining("msg_0")
                .hasMessageNotContaining("call.completed\\\",\\\"n"); // never the body
        assertThat(drain(queue)).containsExactly(message(1));
    }

    @Test
    void anUnreachableQueueIsADomainException() {
        SqsDeliveryQueue missing = new SqsDeliveryQueue(sqs, aws.sqs.queueUrl("no-such-queue"), aws.sqs.queueUrl(deadLetters));

        assertThatThrownBy(() -> missing.sendAll(List.of(message(0)))).isInstanceOf(DeliveryQueueException.class);
        assertThatThrownBy(() -> missing.send(message(0), Duration.ZERO)).isInstanceOf(DeliveryQueueException.class);
    }

    @Test
    void sendDelaysTheMessageByWholeSecondsRoundedUp() {
        DeliveryMessage retry = message(7).nextAttemptAt(NOW.plusSeconds(5));

        deliveries.send(retry, Duration.ofMillis(1_500));

        // Delayed: not receivable yet (2 s after rounding up), and it is the same message when it arrives.
        assertThat(sqs.receiveMessage(r -> r.queueUrl(aws.sqs.queueUrl(queue))).messages()).isEmpty();
        List<Message> arrived = sqs.receiveMessage(r -> r.queueUrl(aws.sqs.queueUrl(queue)).waitTimeSeconds(5)
                .messageSystemAttributeNames(MessageSystemAttributeName.SENT_TIMESTAMP)).messages();
        assertThat(arrived).singleElement().satisfies(m -> assertThat(DeliveryMessageJson.read(m.body())).isEqualTo(retry));
        assertThatThrownBy(() -> deliveries.send(retry, Duration.ofMinutes(16))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deadLetterGoesToTheDeadLetterQueueOnly() {
        deliveries.deadLetter(message(9));

        assertThat(drain(deadLetters)).containsExactly(message(9));
        assertThat(drain(queue)).isEmpty();
    }
}
