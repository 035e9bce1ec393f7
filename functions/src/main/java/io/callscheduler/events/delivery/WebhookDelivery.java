package io.callscheduler.events.delivery;

import io.callscheduler.domain.ValidationException;
import io.callscheduler.events.deliveries.DeliveryAttempt;
import io.callscheduler.events.deliveries.DeliveryLog;
import io.callscheduler.events.deliveries.DeliveryState;
import io.callscheduler.events.endpoints.EndpointNotFoundException;
import io.callscheduler.events.endpoints.EndpointStore;
import io.callscheduler.events.endpoints.EndpointUrls;
import io.callscheduler.events.endpoints.SigningSecretStore;
import io.callscheduler.events.endpoints.WebhookEndpoint;
import io.callscheduler.events.retry.DelayHops;
import io.callscheduler.events.retry.RetrySchedule;
import io.callscheduler.events.signing.WebhookSigner;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One message off the delivery queue, through its steps: not yet due (hop again); endpoint gone or disabled (skip);
 * a stale duplicate (drop); the address re-check (DNS rebinding); sign; POST; record the attempt; then deliver, retry
 * on {@link RetrySchedule}'s time, or give up (dead-letter), disabling the endpoint on 410 or after 5 days of failures.
 * A failure of our own (DynamoDB, Secrets Manager, SQS) throws, and the handler gives the message back to its queue.
 */
public final class WebhookDelivery {
    private static final System.Logger LOG = System.getLogger(WebhookDelivery.class.getName());

    /** What became of a message. */
    public enum Result { NOT_YET_DUE, SKIPPED, DUPLICATE, DELIVERED, RETRYING, FAILED, ENDPOINT_DISABLED }

    /** Where the endpoints, their secrets and their URL check come from. */
    public record Endpoints(EndpointStore store, SigningSecretStore secrets, EndpointUrls urls,
                            EndpointUrls.Resolver resolver) {
    }

    private final Endpoints endpoints;
    private final WebhookPost post;
    private final DeliveryLog log;
    private final EndpointHealthLog health;
    private final DeliveryQueue queue;
    private final RetrySchedule schedule;
    private final EndpointDisabler disabler;
    private final DeliveryMetrics metrics;
    private final Clock clock;

    public WebhookDelivery(Endpoints endpoints, WebhookPost post, DeliveryLog log, EndpointHealthLog health,
                           DeliveryQueue queue, RetrySchedule schedule, DeliveryMetrics metrics, Clock clock) {
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        this.post = Objects.requireNonNull(post, "post");
        this.log = Objects.requireNonNull(log, "log");
        this.health = Objects.requireNonNull(health, "health");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.disabler = new EndpointDisabler(endpoints.store(), metrics, clock);
    }

    public Result deliver(DeliveryMessage message) {
        Instant now = clock.instant();
        if (message.notBefore() != null && !DelayHops.due(message.notBefore(), now)) {
            queue.send(message, DelayHops.nextHop(message.notBefore(), now));
            return Result.NOT_YET_DUE;
        }
        WebhookEndpoint endpoint = endpoints.store().find(message.endpointId()).orElse(null);
        if (endpoint == null || endpoint.disabled()) {
            if (!log.skipped(message, now)) {
                LOG.log(System.Logger.Level.INFO, "dropped " + message + ": a copy of a send already finished or replaced");
                return Result.DUPLICATE;
            }
            LOG.log(System.Logger.Level.INFO, "skipped " + message + ": the endpoint is " + (endpoint == null ? "gone" : "disabled"));
            return Result.SKIPPED;
        }
        if (!log.begin(message, now)) {
            LOG.log(System.Logger.Level.INFO, "dropped " + message + ": a duplicate of a send already made or replaced");
            return Result.DUPLICATE;
        }
        List<String> secrets;
        try {
            secrets = endpoints.secrets().read(message.endpointId()).signingAt(now);
        } catch (EndpointNotFoundException e) {
            log.skipped(message, now);
            return Result.SKIPPED;
        }
        Instant at = clock.instant();
        WebhookPost.Answer answer = attempt(endpoint, message, at, secrets);
        return decide(message, at, answer);
    }

    /** The address re-check, then the signed POST; a refused or unresolvable address is an attempt without an answer. */
    private WebhookPost.Answer attempt(WebhookEndpoint endpoint, DeliveryMessage message, Instant at, List<String> secrets) {
        URI url;
        try {
            url = endpoints.urls().parse(endpoint.url());
            InetAddress[] addresses = endpoints.resolver().resolve(url.getHost());
            endpoints.urls().checkAddresses(url.getHost(), Arrays.asList(addresses));
        } catch (UnknownHostException e) {
            return new WebhookPost.Answer(null, null, "", Duration.ZERO, "the host did not resolve");
        } catch (ValidationException e) {
            return new WebhookPost.Answer(null, null, "", Duration.ZERO, "refused: " + e.getMessage());
        }
        Map<String, String> headers = WebhookSigner.headers(message.webhookId(), at, message.body(), secrets);
        return post.post(url, headers, message.body());
    }

    private Result decide(DeliveryMessage message, Instant at, WebhookPost.Answer answer) {
        Instant now = clock.instant();
        RetrySchedule.Decision decision = schedule.after(message.attempt(),
                new RetrySchedule.Answer(answer.status(), answer.retryAfter()), now);
        metrics.attempted(decision.outcome() == RetrySchedule.Outcome.DELIVERED);
        Result result = switch (decision.outcome()) {
            case DELIVERED -> Result.DELIVERED;
            case DISABLE_ENDPOINT -> Result.ENDPOINT_DISABLED;
            case RETRY, GIVE_UP -> health.failed(message.endpointId(), now).shouldDisable(now) ? Result.ENDPOINT_DISABLED
                    : decision.outcome() == RetrySchedule.Outcome.RETRY ? Result.RETRYING : Result.FAILED;
        };
        String said = switch (result) {
            case DELIVERED -> "delivered";
            case RETRYING -> "retry at " + decision.retryAt();
            case ENDPOINT_DISABLED -> answer.status() != null && answer.status() == 410 ? "gone: endpoint disabled"
                    : "endpoint disabled: failing for " + io.callscheduler.events.retry.EndpointHealth.DISABLE_AFTER.toDays() + " days";
            default -> "failed";
        };
        log.recordAttempt(message, new DeliveryAttempt(message.attempt(), at, answer.status(), answer.latency(),
                answer.body(), answer.error(), said), result == Result.DELIVERED ? DeliveryState.DELIVERED
                : result == Result.RETRYING ? DeliveryState.PENDING : DeliveryState.FAILED, now);
        LOG.log(System.Logger.Level.INFO, message + ": " + (answer.status() != null ? "HTTP " + answer.status() : answer.error())
                + " in " + answer.latency().toMillis() + " ms, " + said);
        switch (result) {
            case DELIVERED -> health.succeeded(message.endpointId(), now);
            case ENDPOINT_DISABLED -> disabler.disable(message.endpointId(),
                    decision.outcome() == RetrySchedule.Outcome.DISABLE_ENDPOINT ? "GONE" : "FAILING");
            case RETRYING -> queue.send(message.nextAttemptAt(decision.retryAt()), DelayHops.nextHop(decision.retryAt(), now));
            default -> queue.deadLetter(message);
        }
        return result;
    }
}
