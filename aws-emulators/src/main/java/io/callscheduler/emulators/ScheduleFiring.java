package io.callscheduler.emulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callscheduler.emulators.usage.AwsUsage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Fires the stored schedules: an {@code at()} schedule once at its time (to the millisecond), a
 * {@code rate()} schedule every period after its last firing. A delivery is retried with exponential backoff
 * within the target's retry policy, then sent to its dead-letter queue. A schedule that came due while the
 * emulator was down fires as soon as firing starts.
 */
final class ScheduleFiring implements AutoCloseable {
    /** When an {@code at()} schedule fires. */
    enum Timing {
        /** At its time, to the millisecond (the default: tests and timings are exact). */
        EXACT,
        /**
         * As AWS documents: somewhere within the minute of its time ("set to 1:00, it invokes between 1:00:00 and
         * 1:00:59"), at a moment drawn from the schedule's name and expression, so a restart keeps it.
         */
        AWS
    }

    private static final System.Logger LOG = System.getLogger(ScheduleFiring.class.getName());
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(60);
    private static final String LAST_FIRED = "LastFired";

    private final ScheduleStore store;
    private final ScheduleExpressions expressions;
    private final Clock clock;
    private final Map<String, ScheduledFuture<?>> timers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("scheduler-timer"));
    /** Deliveries only hand the input to the target (an asynchronous invoke, queued there): a few threads do. */
    private final ExecutorService deliveries = Executors.newFixedThreadPool(8, DaemonThreads.named("scheduler-delivery"));
    private volatile ScheduleTarget target;
    private volatile DeadLetterSink deadLetters;
    private volatile Timing timing = Timing.EXACT;
    private volatile AwsUsage usage = new AwsUsage();

    ScheduleFiring(ScheduleStore store, ScheduleExpressions expressions, Clock clock) {
        this.store = store;
        this.expressions = expressions;
        this.clock = clock;
        store.onChange(this::arm);
    }

    void meteredBy(AwsUsage value) {
        usage = value;
    }

    void timing(Timing value) {
        this.timing = value;
    }

    /** Starts firing every stored schedule (those overdue at once); until then schedules are only stored. */
    void start(ScheduleTarget target, DeadLetterSink deadLetters) {
        this.target = target;
        this.deadLetters = deadLetters;
        store.keys().forEach(this::arm);
    }

    /** (Re)arms the timer of one schedule after it was stored, changed or removed. */
    private void arm(String key) {
        ScheduledFuture<?> previous = timers.remove(key);
        if (previous != null) {
            previous.cancel(false);
        }
        ObjectNode schedule = store.get(key);
        if (schedule == null || target == null || !"ENABLED".equals(schedule.path("State").asText())) {
            return;
        }
        String expression = schedule.get("ScheduleExpression").asText();
        if (ScheduleExpressions.isCron(expression)) {
            LOG.log(System.Logger.Level.WARNING, "schedule " + key + ": cron() expressions are stored but not fired locally");
            return;
        }
        if (ScheduleExpressions.isAt(expression) && schedule.has(LAST_FIRED)) {
            return;
        }
        String name = schedule.get("Name").asText();
        Instant created = Instant.ofEpochMilli((long) (schedule.get("CreationDate").asDouble() * 1000));
        Instant due = expressions.firstFire(expression, ScheduleExpressions.timezone(schedule), created, name);
        if (ScheduleExpressions.isRate(expression) && schedule.has(LAST_FIRED)) {
            due = Instant.parse(schedule.get(LAST_FIRED).asText()).plus(expressions.period(expression, name));
        }
        Instant fireAt = timing == Timing.AWS && ScheduleExpressions.isAt(expression)
                ? withinItsMinute(due, key + expression) : due;
        long delay = Math.max(0, Duration.between(clock.instant(), fireAt).toMillis());
        timers.put(key, timer.schedule(() -> deliveries.submit(() -> fire(key, schedule, fireAt, 1)),
                delay, TimeUnit.MILLISECONDS));
    }

    /** A moment within the minute of {@code due}, the same for the same schedule. */
    static Instant withinItsMinute(Instant due, String identity) {
        Instant minute = due.truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        long offset = Math.floorMod(java.util.UUID.nameUUIDFromBytes(identity.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .getLeastSignificantBits(), 60_000L);
        return minute.plusMillis(offset);
    }

    private void fire(String key, ObjectNode schedule, Instant scheduledTime, int attempt) {
        if (store.get(key) != schedule) {
            return; // updated or deleted since this firing was armed
        }
        JsonNode targetNode = schedule.get("Target");
        String executionId = UUID.randomUUID().toString();
        String input = substitute(targetNode.path("Input").asText("{}"), schedule, scheduledTime, executionId, attempt);
        try {
            usage.scheduleInvocation();
            target.deliver(targetNode.get("Arn").asText(), input);
            completed(key, schedule, scheduledTime);
        } catch (Exception e) {
            JsonNode retry = targetNode.path("RetryPolicy");
            int maxRetries = retry.path("MaximumRetryAttempts").asInt(185);
            long maxAgeSeconds = retry.path("MaximumEventAgeInSeconds").asLong(86400);
            Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(attempt - 1, 10));
            wait = wait.compareTo(MAX_RETRY_DELAY) > 0 ? MAX_RETRY_DELAY : wait;
            boolean tooOld = clock.instant().plus(wait).isAfter(scheduledTime.plusSeconds(maxAgeSeconds));
            if (attempt <= maxRetries && !tooOld) {
                LOG.log(System.Logger.Level.INFO, "schedule " + key + ": delivery " + attempt + " failed (" + e.getMessage()
                        + "), retrying in " + wait.toMillis() + " ms");
                timer.schedule(() -> deliveries.submit(() -> fire(key, schedule, scheduledTime, attempt + 1)),
                        wait.toMillis(), TimeUnit.MILLISECONDS);
                return;
            }
            deadLetter(schedule, input, e, attempt, executionId);
            completed(key, schedule, scheduledTime);
        }
    }

    private void deadLetter(ObjectNode schedule, String input, Exception e, int attempts, String executionId) {
        String queue = schedule.path("Target").path("DeadLetterConfig").path("Arn").asText(null);
        LOG.log(System.Logger.Level.WARNING, "schedule " + schedule.get("Arn").asText() + ": delivery failed after "
                + attempts + " attempts" + (queue == null ? "; no dead-letter queue, dropped" : "; sent to " + queue), e);
        if (queue != null && deadLetters != null) {
            deadLetters.send(queue, input, Map.of(
                    "ERROR_CODE", e.getClass().getSimpleName(),
                    "ERROR_MESSAGE", String.valueOf(e.getMessage()),
                    "EXECUTION_ID", executionId,
                    "RETRY_ATTEMPTS", Integer.toString(attempts - 1),
                    "SCHEDULE_ARN", schedule.get("Arn").asText(),
                    "TARGET_ARN", schedule.path("Target").path("Arn").asText()));
        }
    }

    private void completed(String key, ObjectNode schedule, Instant scheduledTime) {
        synchronized (store) {
            if (store.get(key) != schedule) {
                return;
            }
            if (ScheduleExpressions.isRate(schedule.get("ScheduleExpression").asText())) {
                ObjectNode next = schedule.deepCopy();
                next.put(LAST_FIRED, scheduledTime.toString());
                store.put(key, next);
            } else if ("DELETE".equals(schedule.path("ActionAfterCompletion").asText())) {
                store.remove(key);
            } else {
                ObjectNode done = schedule.deepCopy();
                done.put(LAST_FIRED, scheduledTime.toString()); // an at() schedule fires once, even across restarts
                store.put(key, done);
            }
        }
    }

    private static String substitute(String input, ObjectNode schedule, Instant scheduledTime, String executionId, int attempt) {
        return input.replace("<aws.scheduler.scheduled-time>", scheduledTime.truncatedTo(ChronoUnit.SECONDS).toString())
                .replace("<aws.scheduler.execution-id>", executionId)
                .replace("<aws.scheduler.attempt-number>", Integer.toString(attempt))
                .replace("<aws.scheduler.schedule-arn>", schedule.get("Arn").asText());
    }

    @Override
    public void close() {
        timer.shutdownNow();
        deliveries.shutdownNow();
    }
}
