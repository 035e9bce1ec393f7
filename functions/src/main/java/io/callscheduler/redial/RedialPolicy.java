package io.callscheduler.redial;

import io.callscheduler.model.CallStatus;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * When a call that ended busy, unanswered or failed is dialed again: on which outcomes, up to how many
 * attempts in all (the first dial included), and after how long. Pure; the deployment's default
 * (RedialOn, RedialMaxAttempts, RedialAfterMinutes) or a call's own {@code redial}.
 *
 * @param on          the outcomes that are redialed (a subset of BUSY, NO_ANSWER, FAILED); empty: off
 * @param maxAttempts dial attempts in all, 1 to 10
 * @param after       the wait after an attempt's outcome, 3 s to 7 days
 */
public record RedialPolicy(Set<CallStatus> on, int maxAttempts, Duration after) {
    public static final Set<CallStatus> REDIALABLE = EnumSet.of(CallStatus.BUSY, CallStatus.NO_ANSWER, CallStatus.FAILED);
    public static final RedialPolicy OFF = new RedialPolicy(Set.of(), 1, Duration.ofMinutes(10));

    public RedialPolicy {
        on = on.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(on));
        Objects.requireNonNull(after, "after");
        if (!REDIALABLE.containsAll(on)) {
            throw new IllegalArgumentException("redial applies to BUSY, NO_ANSWER and FAILED only");
        }
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new IllegalArgumentException("maxAttempts must be from 1 to 10");
        }
        if (after.compareTo(Duration.ofSeconds(3)) < 0 || after.compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException("afterMinutes must be from 0.05 (3 s) to 10080 (a week)");
        }
    }

    /** Whether a call whose attempt number {@code attempt} ended {@code outcome} is dialed again. */
    public boolean redials(CallStatus outcome, int attempt) {
        return on.contains(outcome) && attempt < maxAttempts;
    }

    /** {@code BUSY,NO_ANSWER} as the template takes it; blank for none. */
    public static Set<CallStatus> parseOutcomes(String text) {
        Set<CallStatus> outcomes = EnumSet.noneOf(CallStatus.class);
        if (text == null || text.isBlank()) {
            return outcomes;
        }
        for (String name : text.split(",")) {
            CallStatus status = CallStatus.parse(name.strip().replace('-', '_')).orElse(null);
            if (status == null || !REDIALABLE.contains(status)) {
                throw new IllegalArgumentException("'" + name.strip() + "' is not one of BUSY, NO_ANSWER, FAILED");
            }
            outcomes.add(status);
        }
        return outcomes;
    }

    /** Minutes, possibly fractional (0.5 is 30 s). */
    public static Duration minutes(double minutes) {
        return Duration.ofMillis(Math.round(minutes * 60_000));
    }

    public String describe() {
        return on.isEmpty() ? "off" : on.stream().map(s -> s.name().toLowerCase(Locale.ROOT)).sorted()
                .collect(Collectors.joining(",")) + ", " + maxAttempts + " attempts, " + after.toSeconds() + " s apart";
    }
}
