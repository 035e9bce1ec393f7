package io.callscheduler.events.delivery.sqs;

import io.callscheduler.events.delivery.DeliveryMessage;
import io.callscheduler.events.delivery.DeliveryMessageJson;
import io.callscheduler.events.delivery.DeliveryQueue;
import io.callscheduler.events.delivery.DeliveryQueueException;
import io.callscheduler.events.retry.DelayHops;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The delivery queue on SQS: the webhook delivery queue, and its dead-letter queue for messages given up. Messages go
 * in batches of ten (SendMessageBatch's most); SQS answers a batch entry by entry, and the entries it failed are sent
 * once more before the whole call fails, since a batch rarely fails for one entry twice in a row.
 */
public final class SqsDeliveryQueue implements DeliveryQueue {
    /** SendMessageBatch's most entries. */
    static final int BATCH = 10;

    private final SqsClient sqs;
    private final String queueUrl;
    private final String deadLetterQueueUrl;

    public SqsDeliveryQueue(SqsClient sqs, String queueUrl, String deadLetterQueueUrl) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
        this.deadLetterQueueUrl = Objects.requireNonNull(deadLetterQueueUrl, "deadLetterQueueUrl");
    }

    @Override
    public void sendAll(List<DeliveryMessage> messages) {
        for (int from = 0; from < messages.size(); from += BATCH) {
            sendBatch(messages.subList(from, Math.min(from + BATCH, messages.size())));
        }
    }

    /** One batch: its failed entries once more, then a {@link DeliveryQueueException} naming what is still unsent. */
    private void sendBatch(List<DeliveryMessage> batch) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            // Ids are positions in the batch: unique within it, as SQS requires, whatever the messages hold.
            entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i))
                    .messageBody(DeliveryMessageJson.write(batch.get(i))).build());
        }
        List<BatchResultErrorEntry> failed = send(entries);
        if (!failed.isEmpty()) {
            Map<String, SendMessageBatchRequestEntry> byId = entries.stream()
                    .collect(Collectors.toMap(SendMessageBatchRequestEntry::id, e -> e));
            failed = send(failed.stream().map(f -> byId.get(f.id())).toList());
        }
        if (!failed.isEmpty()) {
            throw new DeliveryQueueException(failed.size() + " of " + batch.size() + " delivery messages were not queued ("
                    + failed.stream().map(f -> batch.get(Integer.parseInt(f.id())).webhookId() + ": " + f.code())
                    .collect(Collectors.joining(", ")) + ")", null);
        }
    }

    private List<BatchResultErrorEntry> send(List<SendMessageBatchRequestEntry> entries) {
        try {
            return sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries)).failed();
        } catch (SdkException e) {
            throw new DeliveryQueueException("the delivery queue could not be reached: " + e.getMessage(), e);
        }
    }

    @Override
    public void send(DeliveryMessage message, Duration delay) {
        if (delay.isNegative() || delay.compareTo(DelayHops.MAX_DELAY) > 0) {
            throw new IllegalArgumentException("a delay must be 0 to " + DelayHops.MAX_DELAY + ", not " + delay);
        }
        // SQS counts whole seconds: a part of one is rounded up, so that a message never arrives early.
        int seconds = (int) (delay.getSeconds() + (delay.getNano() > 0 ? 1 : 0));
        sendOne(queueUrl, message, seconds);
    }

    @Override
    public void deadLetter(DeliveryMessage message) {
        sendOne(deadLetterQueueUrl, message, 0);
    }

    private void sendOne(String url, DeliveryMessage message, int delaySeconds) {
        try {
            sqs.sendMessage(r -> r.queueUrl(url).messageBody(DeliveryMessageJson.write(message)).delaySeconds(delaySeconds));
        } catch (SdkException e) {
            throw new DeliveryQueueException(message + " was not queued: " + e.getMessage(), e);
        }
    }
}
