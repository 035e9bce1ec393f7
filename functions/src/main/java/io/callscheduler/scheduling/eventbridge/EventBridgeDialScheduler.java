package io.callscheduler.scheduling.eventbridge;

import io.callscheduler.dispatch.DispatchEvents;
import io.callscheduler.dispatch.DispatchRequest;
import io.callscheduler.dependencies.DependencyUnavailableException;
import io.callscheduler.model.Call;
import io.callscheduler.scheduling.DialScheduler;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindow;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.Target;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * One EventBridge Scheduler one-time schedule per pending call: {@code at(...)} in UTC, no flexible window,
 * deleted after it fires, retried by the Scheduler and dead-lettered to SQS when every retry failed.
 */
public final class EventBridgeDialScheduler implements DialScheduler {
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    /**
     * Where schedules go and what they invoke.
     *
     * @param groupName           the application's schedule group
     * @param targetArn           what the schedules invoke: the dial waiter (DialPrecision=second) or dispatch
     * @param roleArn             the role the Scheduler assumes to invoke the target and write to the DLQ
     * @param deadLetterQueueArn  SQS queue for deliveries that exhausted their retries
     * @param maxRetryAttempts    0..185
     * @param maxEventAgeSeconds  60..86400
     * @param lead                how long before a call's time its {@code at()} is set (see {@link DialScheduler#lead()})
     */
    public record Settings(String groupName, String targetArn, String roleArn, String deadLetterQueueArn,
                           int maxRetryAttempts, int maxEventAgeSeconds, java.time.Duration lead) {
        public Settings {
            Objects.requireNonNull(groupName, "groupName");
            Objects.requireNonNull(targetArn, "targetArn");
            Objects.requireNonNull(roleArn, "roleArn");
            Objects.requireNonNull(lead, "lead");
        }

        /** Schedules at the calls' own times (DialPrecision=minute). */
        public Settings(String groupName, String targetArn, String roleArn, String deadLetterQueueArn,
                        int maxRetryAttempts, int maxEventAgeSeconds) {
            this(groupName, targetArn, roleArn, deadLetterQueueArn, maxRetryAttempts, maxEventAgeSeconds,
                    java.time.Duration.ZERO);
        }
    }

    private final SchedulerClient scheduler;
    private final Settings settings;

    public EventBridgeDialScheduler(SchedulerClient scheduler, Settings settings) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The schedule's name: derived from the call id, within the 64-character limit. */
    public static String scheduleName(String callId) {
        return "call-" + callId;
    }

    /** {@code at(yyyy-mm-ddThh:mm:ss)} in UTC; dispatch waits out the sub-second remainder. */
    public static String atExpression(Instant instant) {
        return "at(" + AT.format(instant.truncatedTo(ChronoUnit.SECONDS)) + ")";
    }

    @Override
    public void schedule(Call call, java.time.Duration lead) {
        String input = DispatchEvents.schedulerInput(new DispatchRequest(call.id(), call.dueAt(), "scheduler"));
        Target.Builder target = Target.builder().arn(settings.targetArn()).roleArn(settings.roleArn())
                .input(input)
                .retryPolicy(r -> r.maximumRetryAttempts(settings.maxRetryAttempts())
                        .maximumEventAgeInSeconds(settings.maxEventAgeSeconds()));
        if (settings.deadLetterQueueArn() != null && !settings.deadLetterQueueArn().isBlank()) {
            target.deadLetterConfig(d -> d.arn(settings.deadLetterQueueArn()));
        }
        String name = scheduleName(call.id());
        // Its due time (the retry or dial-slot time while it waits for one), early by the lead.
        String expression = atExpression(call.dueAt().minus(lead));
        FlexibleTimeWindow off = FlexibleTimeWindow.builder().mode(FlexibleTimeWindowMode.OFF).build();
        try {
            try {
                scheduler.createSchedule(r -> r.name(name).groupName(settings.groupName())
                        .scheduleExpression(expression).scheduleExpressionTimezone("UTC")
                        .flexibleTimeWindow(off).actionAfterCompletion(ActionAfterCompletion.DELETE)
                        .target(target.build())
                        // Same call and time: a retried create is recognised as the same request.
                        .clientToken(UUID.nameUUIDFromBytes((name + expression).getBytes(StandardCharsets.UTF_8))
                                .toString()));
            } catch (ConflictException exists) {
                // A reschedule: UpdateSchedule replaces the whole definition.
                scheduler.updateSchedule(r -> r.name(name).groupName(settings.groupName())
                        .scheduleExpression(expression).scheduleExpressionTimezone("UTC")
                        .flexibleTimeWindow(off).actionAfterCompletion(ActionAfterCompletion.DELETE)
                        .target(target.build()));
            }
        } catch (SdkException e) {
            throw new DependencyUnavailableException("could not create schedule " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public java.time.Duration lead() {
        return settings.lead();
    }

    @Override
    public void unschedule(String callId) {
        String name = scheduleName(callId);
        try {
            scheduler.deleteSchedule(r -> r.name(name).groupName(settings.groupName()));
        } catch (ResourceNotFoundException alreadyGone) {
            // fired (and auto-deleted) or never created: nothing to remove
        } catch (SdkException e) {
            throw new DependencyUnavailableException("could not delete schedule " + name + ": " + e.getMessage(), e);
        }
    }
}
