package io.callscheduler.config;

import io.callscheduler.snapstart.RestoreSafeRandom;
import io.callscheduler.events.deliveries.Deliveries;
import io.callscheduler.events.deliveries.DeliveryLog;
import io.callscheduler.events.deliveries.dynamodb.DynamoDbDeliveryLog;
import io.callscheduler.events.delivery.DeliveryMessage;
import io.callscheduler.events.delivery.DeliveryQueue;
import io.callscheduler.events.delivery.RecordedDeliveryMetrics;
import io.callscheduler.events.delivery.WebhookDelivery;
import io.callscheduler.events.delivery.WebhookPost;
import io.callscheduler.events.delivery.dynamodb.DynamoDbEndpointHealthLog;
import io.callscheduler.events.delivery.sqs.SqsDeliveryQueue;
import io.callscheduler.events.endpoints.EndpointUrls;
import io.callscheduler.events.endpoints.WebhookEndpoints;
import io.callscheduler.events.endpoints.dynamodb.DynamoDbEndpointStore;
import io.callscheduler.events.endpoints.secretsmanager.SecretsManagerSigningSecrets;
import io.callscheduler.events.fanout.EventFanOut;
import io.callscheduler.events.fanout.Subscribers;
import io.callscheduler.events.retry.RetrySchedule;
import io.callscheduler.metrics.RecordedMetrics;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import static io.callscheduler.config.Services.memoize;

/**
 * The webhooks' part of the application (issue 22), built at most once per container like the rest of
 * {@link Services}: endpoints in the table with one signing secret each in Secrets Manager, the stream's fan-out onto
 * the SQS delivery queue, the delivery with its log and each endpoint's failing streak.
 */
public final class WebhookServices {
    private static final String DEFAULT_SECRET_PREFIX = "call-scheduler/webhook-endpoints/";

    private final AppConfig config;
    private final AwsClients clients;
    private final Supplier<DynamoDbClient> dynamoDb;
    private final Supplier<RecordedMetrics.Publisher> metricsPublisher;

    /** ALLOW_LOOPBACK_WEBHOOKS (the local cloud) admits http and loopback URLs. */
    private final Supplier<EndpointUrls> urls;
    private final Supplier<WebhookEndpoints> endpoints;
    /** WEBHOOK_DELIVERY_QUEUE_URL, and WEBHOOK_DEAD_LETTER_QUEUE_URL for the messages given up. */
    private final Supplier<DeliveryQueue> deliveryQueue;
    /** Each change's event queued for the endpoints that want it (a 5 s copy of the endpoints). */
    private final Supplier<EventFanOut> eventFanOut;
    private final Supplier<RecordedDeliveryMetrics> deliveryMetrics;
    private final Supplier<DeliveryLog> deliveryLog;
    /** One HTTP client per container, so that retries to one receiver reuse its connections. */
    private final Supplier<WebhookDelivery> delivery;

    WebhookServices(AppConfig config, AwsClients clients, Supplier<DynamoDbClient> dynamoDb,
                    Supplier<RecordedMetrics.Publisher> metricsPublisher) {
        this.config = config;
        this.clients = clients;
        this.dynamoDb = dynamoDb;
        this.metricsPublisher = metricsPublisher;
        this.urls = memoize(() -> new EndpointUrls(EndpointUrls.Resolver.SYSTEM,
                "true".equals(config.environment().get("ALLOW_LOOPBACK_WEBHOOKS"))));
        this.endpoints = memoize(() -> new WebhookEndpoints(endpointStore(), signingSecrets(), urls.get(), healthLog(),
                Clock.systemUTC()));
        this.deliveryQueue = memoize(() -> new SqsDeliveryQueue(clients.sqs(), required("WEBHOOK_DELIVERY_QUEUE_URL"),
                required("WEBHOOK_DEAD_LETTER_QUEUE_URL")));
        this.eventFanOut = memoize(() -> new EventFanOut(new Subscribers(endpointStore(), Subscribers.MAX_AGE,
                Clock.systemUTC()), deliveryQueue.get(), Clock.systemUTC()));
        this.deliveryMetrics = memoize(() -> new RecordedDeliveryMetrics(metricsPublisher.get()));
        this.deliveryLog = memoize(() -> new DynamoDbDeliveryLog(dynamoDb.get(), config.tableName()));
        this.delivery = memoize(() -> new WebhookDelivery(
                new WebhookDelivery.Endpoints(endpointStore(), signingSecrets(), urls.get(), EndpointUrls.Resolver.SYSTEM),
                new WebhookPost(), deliveryLog.get(), healthLog(), deliveryQueue.get(),
                new RetrySchedule(RestoreSafeRandom::nextDouble), deliveryMetrics.get(), Clock.systemUTC()));
    }

    public WebhookEndpoints endpoints() {
        return endpoints.get();
    }

    public EventFanOut eventFanOut() {
        return eventFanOut.get();
    }

    public DeliveryQueue deliveryQueue() {
        return deliveryQueue.get();
    }

    public WebhookDelivery delivery() {
        return delivery.get();
    }

    public RecordedDeliveryMetrics deliveryMetrics() {
        return deliveryMetrics.get();
    }

    /** The delivery log the deliveries routes read. */
    public DeliveryLog deliveryLog() {
        return deliveryLog.get();
    }

    /**
     * The deliveries routes: the log read, replays, recovers and test events queued for the delivery function. The
     * queue is built at the first send: the log's reader (GET .../deliveries) has no queue in its environment.
     */
    public Deliveries deliveries() {
        return new Deliveries(endpointStore(), deliveryLog.get(), new DeliveryQueue() {
            @Override
            public void sendAll(List<DeliveryMessage> messages) {
                deliveryQueue.get().sendAll(messages);
            }

            @Override
            public void send(DeliveryMessage message, Duration delay) {
                deliveryQueue.get().send(message, delay);
            }

            @Override
            public void deadLetter(DeliveryMessage message) {
                deliveryQueue.get().deadLetter(message);
            }
        }, Clock.systemUTC());
    }

    private DynamoDbEndpointStore endpointStore() {
        return new DynamoDbEndpointStore(dynamoDb.get(), config.tableName());
    }

    /** WEBHOOK_SECRET_PREFIX names them in Secrets Manager. */
    private SecretsManagerSigningSecrets signingSecrets() {
        return new SecretsManagerSigningSecrets(clients.secretsManager(),
                config.environment().getOrDefault("WEBHOOK_SECRET_PREFIX", DEFAULT_SECRET_PREFIX));
    }

    private DynamoDbEndpointHealthLog healthLog() {
        return new DynamoDbEndpointHealthLog(dynamoDb.get(), config.tableName());
    }

    private String required(String variable) {
        String value = config.environment().get(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(variable + " is not set");
        }
        return value;
    }
}
