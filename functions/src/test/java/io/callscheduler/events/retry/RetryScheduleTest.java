package io.callscheduler.events.retry;

import io.callscheduler.events.retry.RetrySchedule.Answer;
import io.callscheduler.events.retry.RetrySchedule.Decision;
import io.callscheduler.events.retry.RetrySchedule.Outcome;
import io.callscheduler.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The retry schedule, Retry-After and the "gone" rules, against a clock the test moves. */
class RetryScheduleTest {
    private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(1_900_000_000L));
    /** No jitter: the random source's midpoint. */
    private final RetrySchedule exact = new RetrySchedule(() -> 0.5);

    private Duration delayAfter(RetrySchedule schedule, int attempt, Answer answer) {
        Decision decision = schedule.after(attempt, answer, clock.instant());
        assertThat(decision.outcome()).isEqualTo(Outcome.RETRY);
        return Duration.between(clock.instant(), decision.retryAt());
    }

    @Test
    void eightAttemptsInAllAfter5s5min30min2h5h10h10hThenGivenUp() {
        List<Duration> delays = new ArrayList<>();
        int attempt = 1;
        Decision decision = exact.after(attempt, new Answer(500, null), clock.instant());
        while (decision.outcome() == Outcome.RETRY) {
            delays.add(Duration.between(clock.instant(), decision.retryAt()));
            clock.advance(Duration.between(clock.instant(), decision.retryAt()));
            decision = exact.after(++attempt, Answer.noAnswer(), clock.instant());
        }
        assertThat(delays).containsExactly(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30),
                Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10));
        assertThat(attempt).isEqualTo(8);
        assertThat(decision.outcome()).isEqualTo(Outcome.GIVE_UP);
    }

    @Test
    void theJitterMovesAStepByUpToTenPercentEitherWay() {
        assertThat(delayAfter(new RetrySchedule(() -> 0.0), 2, new Answer(503, null))).isEqualTo(Duration.ofMinutes(5).multipliedBy(9).dividedBy(10));
        assertThat(delayAfter(new RetrySchedule(() -> 0.999_999_999), 2, new Answer(503, null)))
                .isLessThanOrEqualTo(Duration.ofMinutes(5).multipliedBy(11).dividedBy(10))
                .isGreaterThan(Duration.ofMinutes(5).plusSeconds(29));
        assertThat(delayAfter(new RetrySchedule(() -> 0.75), 1, new Answer(503, null))).isEqualTo(Duration.ofMillis(5250));
    }

    @Test
    void aSuccessIsDeliveredAnd410DisablesTheEndpointWithoutRetry() {
        assertThat(exact.after(1, new Answer(200, null), clock.instant()).outcome()).isEqualTo(Outcome.DELIVERED);
        assertThat(exact.after(3, new Answer(204, null), clock.instant()).outcome()).isEqualTo(Outcome.DELIVERED);
        assertThat(exact.after(1, new Answer(410, null), clock.instant()).outcome()).isEqualTo(Outcome.DISABLE_ENDPOINT);
        for (int status : new int[]{301, 400, 404, 408, 429, 500, 502}) {
            assertThat(exact.after(1, new Answer(status, null), clock.instant()).outcome()).as("" + status).isEqualTo(Outcome.RETRY);
        }
    }

    @Test
    void retryAfterInSecondsIsNeverComeSoonerThanAskedNorSoonerThanTheStep() {
        assertThat(delayAfter(exact, 1, new Answer(429, "120"))).isEqualTo(Duration.ofSeconds(120));
        assertThat(delayAfter(exact, 2, new Answer(429, "1"))).as("shorter than the step: the step").isEqualTo(Duration.ofMinutes(5));
        assertThat(delayAfter(new RetrySchedule(() -> 0.0), 1, new Answer(503, " 7 "))).isEqualTo(Duration.ofSeconds(7));
        assertThat(delayAfter(exact, 1, new Answer(429, null))).as("429 without a header: the step").isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void retryAfterAsAnHttpDateIsRelativeToNow() {
        String inAnHour = DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().plus(Duration.ofHours(1)).atOffset(ZoneOffset.UTC));
        assertThat(delayAfter(exact, 1, new Answer(429, inAnHour))).isEqualTo(Duration.ofHours(1));
        String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().minus(Duration.ofHours(1)).atOffset(ZoneOffset.UTC));
        assertThat(delayAfter(exact, 1, new Answer(429, past))).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void retryAfterIsCappedAtTheLongestStepAndAnUnreadableOneIsIgnored() {
        assertThat(delayAfter(exact, 1, new Answer(429, Long.toString(Duration.ofDays(3).toSeconds()))))
                .isEqualTo(RetrySchedule.MAX_RETRY_AFTER);
        assertThat(delayAfter(exact, 1, new Answer(429, "99999999999999999999999"))).isEqualTo(RetrySchedule.MAX_RETRY_AFTER);
        for (String unreadable : new String[]{"-5", "soon", "1.5", "", "Tuesday"}) {
            assertThat(delayAfter(exact, 1, new Answer(429, unreadable))).as(unreadable).isEqualTo(Duration.ofSeconds(5));
        }
    }

    @Test
    void aRetryAfterAnswerStillCountsAsAnAttempt() {
        assertThat(exact.after(RetrySchedule.MAX_ATTEMPTS, new Answer(429, "1"), clock.instant()).outcome())
                .isEqualTo(Outcome.GIVE_UP);
    }

    @Test
    void anEndpointFailingForFiveDaysWithNoSuccessIsDisabledAndASuccessResetsIt() {
        EndpointHealth health = EndpointHealth.HEALTHY.afterFailure(clock.instant());
        Instant firstFailure = clock.instant();
        for (int hours = 10; hours <= 110; hours += 10) {
            clock.advance(Duration.ofHours(10));
            health = health.afterFailure(clock.instant());
        }
        assertThat(health.failingSince()).isEqualTo(firstFailure);
        clock.advance(Duration.ofHours(10).minusSeconds(1));
        assertThat(health.shouldDisable(clock.instant())).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(health.shouldDisable(clock.instant())).isTrue();

        health = health.afterSuccess().afterFailure(clock.instant());
        clock.advance(Duration.ofDays(4));
        assertThat(health.shouldDisable(clock.instant())).as("failing again for 4 days since the success").isFalse();
        assertThat(EndpointHealth.HEALTHY.shouldDisable(clock.instant())).isFalse();
    }

    @Test
    void aStreakEndsAfterNoFailureForLongerThanTheLongestWaitOfAnyJitteredStep() {
        RetrySchedule slowest = new RetrySchedule(() -> Math.nextDown(1.0));
        Instant now = clock.instant();
        Duration longestWait = Duration.ZERO;
        for (int attempt = 1; attempt < RetrySchedule.MAX_ATTEMPTS; attempt++) {
            Duration wait = Duration.between(now, slowest.after(attempt, new Answer(429, "999999"), now).retryAt());
            longestWait = wait.compareTo(longestWait) > 0 ? wait : longestWait;
        }
        assertThat(EndpointHealth.STREAK_GAP).as("an hour more than the longest wait, for the attempt, hops and queue lag")
                .isGreaterThanOrEqualTo(longestWait.plusHours(1)).isEqualTo(Duration.ofHours(12));
        EndpointHealth waitedLongest = EndpointHealth.HEALTHY.afterFailure(now);
        Instant retriedLate = now.plus(longestWait).plus(Duration.ofMinutes(15)).plusSeconds(15); // a hop's rounding, a 15 s attempt
        assertThat(waitedLongest.afterFailure(retriedLate).failingSince()).as("the longest wait, late").isEqualTo(now);

        EndpointHealth health = EndpointHealth.HEALTHY.afterFailure(now);
        assertThat(health.afterFailure(now.plus(EndpointHealth.STREAK_GAP)).failingSince()).isEqualTo(now);
        Instant afterAQuietSpell = now.plus(EndpointHealth.STREAK_GAP).plusMillis(1);
        assertThat(health.afterFailure(afterAQuietSpell).failingSince()).isEqualTo(afterAQuietSpell);
    }

    @Test
    void aRetryLaterThanSqsFifteenMinutesIsReachedInHopsOfAtMostFifteenMinutes() {
        Instant due = clock.instant().plus(Duration.ofHours(2)).plusMillis(300);
        List<Duration> hops = new ArrayList<>();
        while (!DelayHops.due(due, clock.instant())) {
            Duration hop = DelayHops.nextHop(due, clock.instant());
            assertThat(hop).isPositive().isLessThanOrEqualTo(DelayHops.MAX_DELAY);
            hops.add(hop);
            clock.advance(hop);
        }
        assertThat(hops).hasSize(9);
        assertThat(hops.get(8)).as("the last hop rounds up: never early").isEqualTo(Duration.ofSeconds(1));
        assertThat(clock.instant()).isAfterOrEqualTo(due).isBefore(due.plusSeconds(1));
        assertThat(DelayHops.nextHop(due, clock.instant())).isZero();
    }
}
