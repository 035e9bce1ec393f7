package io.callscheduler.emulators.mappings;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.callscheduler.emulators.LambdaEmulator;
import io.callscheduler.emulators.SqsEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The SQS mapping against the SQS emulator, with a toy function. VisibilityTimeout 0: a failed message is back at once. */
class SqsEventSourceMappingTest {
    private final LambdaEmulator lambda = new LambdaEmulator("us-east-1", "000000000000", Duration.ofMillis(10));
    private final SqsEmulator sqs = new SqsEmulator("us-east-1", "000000000000", "http://localhost:4566", null, Clock.systemUTC());
    private final List<SqsEventSourceMapping> mappings = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (SqsEventSourceMapping mapping : mappings) {
            mapping.close();
        }
        lambda.close();
    }

    private void start(int batchSize, boolean reportFailures) {
        mappings.add(SqsEventSourceMapping.start(new SqsEventSourceMapping.Settings("toy", "deliveries", batchSize,
                Duration.ZERO, reportFailures), sqs, lambda, "us-east-1"));
    }

    private static List<String> bodies(List<SQSEvent> events) {
        return events.stream().flatMap(e -> e.getRecords().stream()).map(SQSEvent.SQSMessage::getBody).toList();
    }

    @Test
    void succeededMessagesAreDeletedAndAReportedFailureComesBackAlone() {
        sqs.createQueue("deliveries", Map.of("VisibilityTimeout", "0"));
        for (String body : List.of("m1", "m2", "m3")) {
            sqs.send(sqs.queueArn("deliveries"), body, Map.of("webhook-id", "msg_" + body));
        }
        ToyFunction<SQSEvent> function = ToyFunction.registered(lambda, "toy", SQSEvent.class, (event, n) -> {
            if (n > 1) {
                return null;
            }
            String m2 = event.getRecords().stream().filter(r -> r.getBody().equals("m2")).findFirst().orElseThrow().getMessageId();
            return "{\"batchItemFailures\": [{\"itemIdentifier\": \"" + m2 + "\"}]}";
        });
        start(10, true);

        await().atMost(Duration.ofSeconds(10)).until(() -> function.events.size() == 2 && sqs.size("deliveries") == 0);
        assertThat(bodies(function.events)).containsExactly("m1", "m2", "m3", "m2");
        SQSEvent.SQSMessage retried = function.events.get(1).getRecords().get(0);
        assertThat(retried.getAttributes()).containsEntry("ApproximateReceiveCount", "2").containsKey("SentTimestamp");
        assertThat(retried.getMessageAttributes().get("webhook-id").getStringValue()).isEqualTo("msg_m2");
        assertThat(retried.getEventSource()).isEqualTo("aws:sqs");
        assertThat(retried.getEventSourceArn()).isEqualTo(sqs.queueArn("deliveries"));
        assertThat(retried.getReceiptHandle()).isNotBlank();
        assertThat(retried.getMd5OfBody()).isNotBlank();
    }

    @Test
    void aMessageThatKeepsFailingIsRedrivenToTheDeadLetterQueueAfterMaxReceiveCount() throws Exception {
        sqs.createQueue("deliveries-dlq");
        sqs.createQueue("deliveries", Map.of("VisibilityTimeout", "0", "RedrivePolicy",
                "{\"deadLetterTargetArn\": \"" + sqs.queueArn("deliveries-dlq") + "\", \"maxReceiveCount\": 3}"));
        sqs.send(sqs.queueArn("deliveries"), "poison", Map.of());
        sqs.send(sqs.queueArn("deliveries"), "fine", Map.of());
        ToyFunction<SQSEvent> function = ToyFunction.registered(lambda, "toy", SQSEvent.class, (event, n) -> {
            if (bodies(List.of(event)).contains("poison")) {
                throw new IllegalStateException("cannot handle poison");
            }
            return null;
        });
        start(1, false);

        await().atMost(Duration.ofSeconds(10)).until(() -> sqs.size("deliveries-dlq") == 1 && sqs.size("deliveries") == 0);
        assertThat(bodies(function.events).stream().filter("poison"::equals)).as("received maxReceiveCount times").hasSize(3);
        assertThat(bodies(function.events)).contains("fine");
        assertThat(sqs.receive("deliveries-dlq", 10, null, 0)).singleElement()
                .satisfies(m -> assertThat(m.body()).isEqualTo("poison"));
    }

    @Test
    void anErrorLeavesTheWholeBatchToComeBackAndABatchHoldsUpToBatchSize() {
        sqs.createQueue("deliveries", Map.of("VisibilityTimeout", "0"));
        for (int i = 0; i < 5; i++) {
            sqs.send(sqs.queueArn("deliveries"), "m" + i, Map.of());
        }
        ToyFunction<SQSEvent> function = ToyFunction.registered(lambda, "toy", SQSEvent.class, (event, n) -> {
            if (n == 1) {
                throw new IllegalStateException("the first batch fails");
            }
            return null;
        });
        start(3, true);

        await().atMost(Duration.ofSeconds(10)).until(() -> sqs.size("deliveries") == 0);
        assertThat(function.events).allSatisfy(event -> assertThat(event.getRecords()).hasSizeBetween(1, 3));
        assertThat(bodies(function.events.subList(1, function.events.size())))
                .containsExactlyInAnyOrder("m0", "m1", "m2", "m3", "m4");
    }
}
