package io.callscheduler.emulators.mappings;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callscheduler.emulators.AwsError;
import io.callscheduler.emulators.DaemonThreads;
import io.callscheduler.emulators.HttpJson;
import io.callscheduler.emulators.LambdaEmulator;
import io.callscheduler.emulators.SqsEmulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An SQS event source mapping, run as Lambda runs one: long-polls the queue, invokes the function synchronously
 * with an {@code SQSEvent} of up to {@code BatchSize} messages (gathered for up to
 * {@code MaximumBatchingWindowInSeconds}), deletes what succeeded and leaves the rest to reappear after the
 * queue's visibility timeout, where the queue's redrive policy eventually moves it to the dead-letter queue.
 * One poller per mapping: Lambda scales pollers out, which a local run does not need.
 */
public final class SqsEventSourceMapping implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SqsEventSourceMapping.class.getName());
    /** How long one receive waits for a first message; a send wakes it at once. */
    private static final long LONG_POLL_MILLIS = 1_000;

    /** A {@code Type: SQS} event of a function. */
    public record Settings(String functionName, String queueName, int batchSize, Duration batchingWindow,
                           boolean reportBatchItemFailures) {
        public Settings {
            if (batchSize < 1 || batchSize > 10_000) {
                throw new IllegalArgumentException("BatchSize of an SQS mapping must be 1 to 10000, not " + batchSize);
            }
        }
    }

    private final Settings settings;
    private final SqsEmulator sqs;
    private final LambdaEmulator lambda;
    private final String region;
    private final Thread poller;
    private volatile boolean running = true;

    private SqsEventSourceMapping(Settings settings, SqsEmulator sqs, LambdaEmulator lambda, String region) {
        this.settings = settings;
        this.sqs = sqs;
        this.lambda = lambda;
        this.region = region;
        this.poller = DaemonThreads.named("sqs-mapping-" + settings.functionName()).newThread(this::pollUntilClosed);
    }

    public static SqsEventSourceMapping start(Settings settings, SqsEmulator sqs, LambdaEmulator lambda, String region) {
        SqsEventSourceMapping mapping = new SqsEventSourceMapping(settings, sqs, lambda, region);
        mapping.poller.start();
        return mapping;
    }

    private void pollUntilClosed() {
        while (running) {
            try {
                List<SqsEmulator.Received> batch = gather();
                if (!batch.isEmpty()) {
                    invoke(batch);
                }
            } catch (RuntimeException e) {
                if (running) {
                    LOG.log(System.Logger.Level.WARNING, "SQS mapping " + settings.queueName() + " -> "
                            + settings.functionName() + " failed to poll: " + e);
                    pause(1_000);
                }
            }
        }
    }

    /** Up to BatchSize messages: what one receive gives, plus more until the batching window closes. */
    private List<SqsEmulator.Received> gather() {
        List<SqsEmulator.Received> batch = new ArrayList<>(
                sqs.receive(settings.queueName(), Math.min(10, settings.batchSize()), null, LONG_POLL_MILLIS));
        long windowEnds = System.nanoTime() + settings.batchingWindow().toNanos();
        while (running && !batch.isEmpty() && batch.size() < settings.batchSize()) {
            long remainingMillis = (windowEnds - System.nanoTime()) / 1_000_000;
            if (remainingMillis <= 0) {
                break;
            }
            batch.addAll(sqs.receive(settings.queueName(), Math.min(10, settings.batchSize() - batch.size()), null,
                    remainingMillis));
        }
        return batch;
    }

    private void invoke(List<SqsEmulator.Received> batch) {
        List<String> ids = batch.stream().map(SqsEmulator.Received::messageId).toList();
        BatchOutcome outcome;
        try {
            byte[] response = lambda.invoke(settings.functionName(), event(batch).toString().getBytes(StandardCharsets.UTF_8));
            outcome = BatchOutcome.of(response, settings.reportBatchItemFailures(), ids);
        } catch (AwsError throttled) {
            outcome = BatchOutcome.failed(ids, throttled.getMessage()); // left to reappear, as a throttled batch is
        } catch (Exception e) {
            outcome = BatchOutcome.failed(ids, String.valueOf(e));
        }
        for (SqsEmulator.Received message : batch) {
            if (!outcome.failedIds().contains(message.messageId())) {
                sqs.delete(settings.queueName(), message.receiptHandle());
            }
        }
        if (!outcome.succeededEntirely()) {
            LOG.log(System.Logger.Level.INFO, settings.functionName() + " failed " + outcome.failedIds().size() + " of "
                    + batch.size() + " messages from " + settings.queueName() + " (" + outcome.error()
                    + "); they reappear after the visibility timeout");
        }
    }

    /** The {@code SQSEvent} Lambda sends. */
    private ObjectNode event(List<SqsEmulator.Received> batch) {
        ObjectNode event = HttpJson.MAPPER.createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (SqsEmulator.Received message : batch) {
            ObjectNode record = records.addObject();
            record.put("messageId", message.messageId());
            record.put("receiptHandle", message.receiptHandle());
            record.put("body", message.body());
            ObjectNode attributes = record.putObject("attributes");
            message.attributes().forEach(attributes::put);
            ObjectNode messageAttributes = record.putObject("messageAttributes");
            message.messageAttributes().fields().forEachRemaining(attribute -> {
                ObjectNode value = messageAttributes.putObject(attribute.getKey());
                if (attribute.getValue().has("StringValue")) {
                    value.put("stringValue", attribute.getValue().get("StringValue").asText());
                }
                if (attribute.getValue().has("BinaryValue")) {
                    value.put("binaryValue", attribute.getValue().get("BinaryValue").asText());
                }
                value.putArray("stringListValues");
                value.putArray("binaryListValues");
                value.put("dataType", attribute.getValue().path("DataType").asText("String"));
            });
            record.put("md5OfBody", message.md5OfBody());
            if (message.md5OfMessageAttributes() != null) {
                record.put("md5OfMessageAttributes", message.md5OfMessageAttributes());
            }
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", sqs.queueArn(settings.queueName()));
            record.put("awsRegion", region);
        }
        return event;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops polling; a batch being invoked finishes first (its messages are deleted or left as its outcome says). */
    @Override
    public void close() throws InterruptedException {
        running = false;
        poller.join(LONG_POLL_MILLIS + 5_000);
    }
}
