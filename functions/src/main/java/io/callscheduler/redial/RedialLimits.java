package io.callscheduler.redial;

import java.time.Duration;
import java.util.Objects;

/**
 * What the deployment lets any redial policy ask for, against harassment: at least {@code minAfter} between a
 * call's attempts (RedialAfterMinutesFloor) and at most {@code maxAttempts} attempts in all (RedialAttemptsCeiling).
 * The deployment's own default policy and every call's own {@code redial} are held to them.
 */
public record RedialLimits(Duration minAfter, int maxAttempts) {
    private static final Duration WIDEST_MIN_AFTER = Duration.ofSeconds(3);
    /** The template's defaults: a minute apart, five attempts. */
    public static final RedialLimits DEFAULT = new RedialLimits(Duration.ofMinutes(1), 5);
    /** Only what a redial policy allows at all (3 s apart, ten attempts): for tests that redial quickly. */
    public static final RedialLimits WIDEST = new RedialLimits(Duration.ofSeconds(3), 10);

    public RedialLimits {
        Objects.requireNonNull(minAfter, "minAfter");
        if (minAfter.compareTo(WIDEST_MIN_AFTER) < 0 || minAfter.compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException("RedialAfterMinutesFloor must be from 0.05 (3 s) to 10080 (a week)");
        }
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new IllegalArgumentException("RedialAttemptsCeiling must be from 1 to 10");
        }
    }

    /** Why {@code policy} asks for more than these limits allow, or null when it does not. */
    public String breach(RedialPolicy policy) {
        if (policy.on().isEmpty()) {
            return null; // no redial: its numbers are never used
        }
        if (policy.after().compareTo(minAfter) < 0) {
            return "afterMinutes must be at least " + minutesText(minAfter) + " (RedialAfterMinutesFloor)";
        }
        if (policy.maxAttempts() > maxAttempts) {
            return "maxAttempts must be at most " + maxAttempts + " (RedialAttemptsCeiling)";
        }
        return null;
    }

    static String minutesText(Duration duration) {
        double minutes = duration.toMillis() / 60_000.0;
        return minutes == Math.rint(minutes) ? Long.toString((long) minutes) : Double.toString(minutes);
    }
}
