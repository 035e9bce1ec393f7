package io.callscheduler.events.deliveries;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.callscheduler.domain.PageSizes;
import io.callscheduler.domain.ValidationException;
import io.callscheduler.events.delivery.DeliveryMessage;
import io.callscheduler.events.delivery.DeliveryQueue;
import io.callscheduler.events.endpoints.EndpointNotFoundException;
import io.callscheduler.events.endpoints.EndpointStore;
import io.callscheduler.events.endpoints.WebhookEndpoint;
import io.callscheduler.store.InvalidPageTokenException;
import io.callscheduler.store.Page;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The delivery log as the API shows and acts on it: an endpoint's messages with their attempts; a replay (the stored
 * body again, the same webhook-id, from attempt 1); a recover (a replay of each message that ended failed since a
 * time, a page of the log at a time); a test event. Each goes through the delivery queue, so that it is signed, logged and retried like any event.
 */
public final class Deliveries {
    public static final String TEST_EVENT = "webhook.test";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final EndpointStore endpoints;
    private final DeliveryLog log;
    private final DeliveryQueue queue;
    private final Clock clock;

    public Deliveries(EndpointStore endpoints, DeliveryLog log, DeliveryQueue queue, Clock clock) {
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        this.log = Objects.requireNonNull(log, "log");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param state null or empty for every state, else pending, delivered, failed or skipped
     * @throws EndpointNotFoundException for an unknown endpoint
     */
    public Page<DeliveryRecord> list(String endpointId, String limit, String nextToken, String state) {
        endpoint(endpointId);
        int size = PageSizes.parse(limit);
        DeliveryState wanted = state == null || state.isEmpty() ? null : state(state);
        try {
            return log.page(endpointId, wanted, size, nextToken == null || nextToken.isEmpty() ? null : nextToken);
        } catch (InvalidPageTokenException e) {
            throw new ValidationException("nextToken", "INVALID_TOKEN", "nextToken is not valid here: " + e.getMessage()
                    + "; start again without it");
        }
    }

    /**
     * Queues the message again as attempt 1, with its webhook-id and body.
     *
     * @throws DeliveryNotFoundException when the log has no such message for the endpoint (or no longer: 30 days)
     */
    public DeliveryMessage replay(String endpointId, String messageId) {
        enabled(endpoint(endpointId));
        DeliveryRecord record = log.find(endpointId, messageId).orElseThrow(() -> new DeliveryNotFoundException(messageId));
        return queueThenMark(List.of(resend(record, clock.instant()))).get(0);
    }

    /** What a recover queued, and where to go on when records remain to be read. */
    public record Recovered(int queued, String nextToken) {
        public boolean more() {
            return nextToken != null;
        }
    }

    /**
     * Replays each message that ended failed, or was skipped while the endpoint was disabled, at or after
     * {@code since}, from at most {@link DeliveryLog#MAX_READ} records of the log: call again with the answer's token
     * while it has one.
     *
     * @param since an ISO-8601 instant within the log's 30 days, not in the future
     */
    public Recovered recover(String endpointId, String since, String nextToken) {
        Instant from = since(since);
        enabled(endpoint(endpointId));
        Instant now = clock.instant();
        Page<DeliveryRecord> page;
        try {
            page = log.recoverable(endpointId, from, nextToken == null || nextToken.isEmpty() ? null : nextToken);
        } catch (InvalidPageTokenException e) {
            throw new ValidationException("nextToken", "INVALID_TOKEN", "nextToken is not valid here: " + e.getMessage()
                    + "; start again without it");
        }
        List<DeliveryMessage> messages = new ArrayList<>();
        for (DeliveryRecord record : page.items()) {
            messages.add(resend(record, now));
        }
        for (int i = 0; i < messages.size(); i += 10) {
            queueThenMark(messages.subList(i, Math.min(messages.size(), i + 10)));
        }
        return new Recovered(messages.size(), page.nextToken());
    }

    /** Queues a {@value #TEST_EVENT} event to the endpoint, whatever it subscribes to. */
    public DeliveryMessage test(String endpointId) {
        WebhookEndpoint endpoint = enabled(endpoint(endpointId));
        Instant now = clock.instant();
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        String webhookId = "msg_" + HexFormat.of().formatHex(id);
        var body = JSON.createObjectNode().put("type", TEST_EVENT).put("timestamp", now.toString());
        body.putObject("data").put("endpointId", endpoint.id()).put("message", "A test event from Call Scheduler");
        return queueThenMark(List.of(DeliveryMessage.resend(endpointId, webhookId, TEST_EVENT, body.toString(), now))).get(0);
    }

    private static DeliveryMessage resend(DeliveryRecord record, Instant now) {
        return DeliveryMessage.resend(record.endpointId(), record.webhookId(), record.eventType(), record.body(), now);
    }

    /**
     * Queues first, then marks the log: an interruption or a queue failure between the two leaves a record as it was
     * (failed, skipped) with its message either queued (the delivery takes the resend over on arrival) or not (a
     * recover finds it again), never pending with nothing on its way.
     */
    private List<DeliveryMessage> queueThenMark(List<DeliveryMessage> messages) {
        queue.sendAll(messages);
        Instant now = clock.instant();
        messages.forEach(message -> log.resend(message, now));
        return messages;
    }

    private WebhookEndpoint endpoint(String endpointId) {
        return endpoints.find(endpointId).orElseThrow(() -> new EndpointNotFoundException(endpointId));
    }

    private static WebhookEndpoint enabled(WebhookEndpoint endpoint) {
        if (endpoint.disabled()) {
            throw new EndpointDisabledException("the endpoint is disabled: enable it (PATCH {\"disabled\": false}) first");
        }
        return endpoint;
    }

    private static DeliveryState state(String state) {
        try {
            return DeliveryState.valueOf(state.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("state", "INVALID_STATUS", "state must be one of pending, delivered, failed, skipped");
        }
    }

    private Instant since(String since) {
        if (since == null || since.isBlank()) {
            throw new ValidationException("since", "MISSING_FIELD", "since is required: an ISO-8601 time such as 2030-01-02T03:04:05Z");
        }
        Instant from;
        try {
            from = java.time.OffsetDateTime.parse(since).toInstant();
        } catch (DateTimeParseException e) {
            throw new ValidationException("since", "INVALID_DATE_TIME", "since must be an ISO-8601 time with its offset, such as 2030-01-02T03:04:05Z");
        }
        Instant now = clock.instant();
        if (from.isAfter(now) || from.isBefore(now.minus(DeliveryLog.RETENTION))) {
            throw new ValidationException("since", "INVALID_VALUE", "since must be within the delivery log's last "
                    + DeliveryLog.RETENTION.toDays() + " days and not in the future");
        }
        return from;
    }
}
