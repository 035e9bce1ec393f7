package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.callscheduler.config.Services;
import io.callscheduler.events.delivery.DeliveryMessageJson;
import io.callscheduler.events.delivery.RecordedDeliveryMetrics;
import io.callscheduler.events.delivery.WebhookDelivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The webhook delivery function: a batch of up to 10 messages from WebhookDeliveryQueue, each delivered on its own
 * thread (ten receivers hanging 15 s each must not add up past the 60 s timeout). A message that could not be handled
 * for a fault of ours (DynamoDB, Secrets Manager, SQS unavailable), or that is no delivery message, is reported as a
 * batch item failure: SQS makes it visible again, and after the queue's maxReceiveCount moves it to the dead-letter
 * queue; the others are deleted.
 */
public final class WebhookDeliveryHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final System.Logger LOG = System.getLogger(WebhookDeliveryHandler.class.getName());
    /** The event source's BatchSize: one thread per message. */
    private static final int BATCH_SIZE = 10;
    private final WebhookDelivery delivery;
    private final RecordedDeliveryMetrics metrics;
    private final ExecutorService threads = Executors.newFixedThreadPool(BATCH_SIZE, runnable -> {
        Thread thread = new Thread(runnable, "webhook-delivery");
        thread.setDaemon(true);
        return thread;
    });

    public WebhookDeliveryHandler() {
        this(System.getenv());
    }

    public WebhookDeliveryHandler(Map<String, String> environment) {
        this(Services.forEnvironment(environment).warmUpLogging());
    }

    private WebhookDeliveryHandler(Services services) {
        this(services.webhooks().delivery(), services.webhooks().deliveryMetrics());
    }

    public WebhookDeliveryHandler(WebhookDelivery delivery, RecordedDeliveryMetrics metrics) {
        this.delivery = Objects.requireNonNull(delivery, "delivery");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSEvent.SQSMessage> records = event.getRecords() == null ? List.of() : event.getRecords();
        List<Future<?>> running = new ArrayList<>();
        for (SQSEvent.SQSMessage record : records) {
            running.add(threads.submit(() -> delivery.deliver(DeliveryMessageJson.read(record.getBody()))));
        }
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            try {
                running.get(i).get();
            } catch (ExecutionException e) {
                // Not the parser's message for an unreadable body: it may quote the body, which holds callee data.
                Throwable cause = e.getCause();
                LOG.log(System.Logger.Level.WARNING, "message " + records.get(i).getMessageId() + " goes back to its queue: "
                        + (cause instanceof IllegalArgumentException ? "not a delivery message" : String.valueOf(cause)));
                failures.add(new SQSBatchResponse.BatchItemFailure(records.get(i).getMessageId()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failures.add(new SQSBatchResponse.BatchItemFailure(records.get(i).getMessageId()));
            }
        }
        metrics.publish();
        return new SQSBatchResponse(failures);
    }
}
