package io.callscheduler.events.retry;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * When a message is tried again after a failed delivery attempt. Pure: the caller supplies the time and the random
 * source.
 * <ul>
 *   <li>Eight attempts in all: the first, then retries {@link #STEPS} after each failure (5 s, 5 min, 30 min, 2 h,
 *   5 h, 10 h, 10 h: about 27.6 h), each step jittered by up to {@value #JITTER_PERCENT}% either way so that the
 *   messages of one outage do not all come back at the same second. After the eighth failure the message is given up
 *   (dead-lettered, still in the delivery log for a replay).</li>
 *   <li>Any answer but 2xx fails the attempt: 5xx, 4xx, 3xx (redirects are not followed), a timeout, no connection.</li>
 *   <li>{@code Retry-After} (seconds or an HTTP date, on a 429, a 503 or any failure) is honoured: the retry comes no
 *   sooner than it asks, nor sooner than the schedule's step. It is capped at {@link #MAX_RETRY_AFTER} (the longest
 *   step): a receiver may slow us down to the schedule's slowest pace, not park a message beyond its horizon. The
 *   attempt still counts, so a receiver answering 429 for ever does not make us retry for ever.</li>
 *   <li>410 Gone: no retry, and the endpoint is disabled ({@link EndpointHealth} disables one failing for 5 days).</li>
 * </ul>
 */
public final class RetrySchedule {
    public static final List<Duration> STEPS = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10));
    /** The first attempt and one per step. */
    public static final int MAX_ATTEMPTS = STEPS.size() + 1;
    public static final int JITTER_PERCENT = 10;
    public static final Duration MAX_RETRY_AFTER = Duration.ofHours(10);
    /**
     * The longest a message waits between two of its attempts: the longest step at its full jitter (a Retry-After is
     * capped below it). An endpoint with no failure for longer than this has no message still failing at it.
     */
    public static final Duration LONGEST_WAIT = longestWait();

    private final DoubleSupplier random;

    /** @param random uniform in [0, 1), such as {@code RestoreSafeRandom::nextDouble} */
    public RetrySchedule(DoubleSupplier random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /** What an attempt's endpoint answered: its status, or null when none came (timeout, no connection). */
    public record Answer(Integer status, String retryAfter) {
        public static Answer noAnswer() {
            return new Answer(null, null);
        }

        public boolean succeeded() {
            return status != null && status >= 200 && status < 300;
        }

        public boolean gone() {
            return status != null && status == 410;
        }
    }

    /** What to do with the message after an attempt. */
    public record Decision(Outcome outcome, Instant retryAt) {
        public static Decision of(Outcome outcome) {
            return new Decision(outcome, null);
        }
    }

    public enum Outcome {
        /** Delivered: nothing more to do. */
        DELIVERED,
        /** Try again at {@link Decision#retryAt}, with the same webhook-id. */
        RETRY,
        /** All attempts failed: give the message up. */
        GIVE_UP,
        /** 410: give the message up and disable the endpoint. */
        DISABLE_ENDPOINT
    }

    /**
     * @param attempt the attempt that was just made, 1 for the first
     * @param now     when its answer came
     */
    public Decision after(int attempt, Answer answer, Instant now) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1, not " + attempt);
        }
        if (answer.succeeded()) {
            return Decision.of(Outcome.DELIVERED);
        }
        if (answer.gone()) {
            return Decision.of(Outcome.DISABLE_ENDPOINT);
        }
        if (attempt >= MAX_ATTEMPTS) {
            return Decision.of(Outcome.GIVE_UP);
        }
        Duration delay = jittered(STEPS.get(attempt - 1));
        Duration asked = RetryAfter.parse(answer.retryAfter(), now).orElse(Duration.ZERO);
        if (asked.compareTo(MAX_RETRY_AFTER) > 0) {
            asked = MAX_RETRY_AFTER;
        }
        return new Decision(Outcome.RETRY, now.plus(asked.compareTo(delay) > 0 ? asked : delay));
    }

    private static Duration longestWait() {
        Duration longestStep = STEPS.stream().max(Duration::compareTo).orElseThrow();
        Duration jittered = Duration.ofMillis(Math.round(longestStep.toMillis() * (1 + JITTER_PERCENT / 100.0)));
        return jittered.compareTo(MAX_RETRY_AFTER) > 0 ? jittered : MAX_RETRY_AFTER;
    }

    /** The step moved by up to JITTER_PERCENT% either way, to the millisecond. */
    private Duration jittered(Duration step) {
        double factor = 1 + JITTER_PERCENT / 100.0 * (2 * random.getAsDouble() - 1);
        return Duration.ofMillis(Math.round(step.toMillis() * factor));
    }
}
