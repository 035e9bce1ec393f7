package io.callscheduler.domain.dispatch;

import io.callscheduler.snapstart.RestoreSafeRandom;
import java.time.Duration;
import java.util.Objects;

/**
 * How patiently a call is dialed.
 *
 * @param immediateRetries the requests made at once, within one dispatch, before waiting in minutes
 * @param dialDeadline     how long a try keeps being retried, from its first provider request, before it fails
 *                         (DialDeadlineMinutes); a redial or a wait for calling hours, a line or a slot starts a new
 *                         try with a full deadline
 * @param firstBackoff     the wait after the first failed attempt; then as long as the try has been going
 * @param maxBackoff       the longest wait between attempts
 * @param requestBudget    the longest one provider request can take (connect plus read timeout): an attempt is
 *                         started only when this much time is left before the caller's deadline
 * @param maxPacingWait    the longest a dispatch waits inline for a dial slot or a line; longer waits are parked
 * @param claimLead        how long before its moment a call is claimed (DialClaimLeadSeconds)
 */
public record DispatchSettings(RetryPolicy immediateRetries, Duration dialDeadline, Duration firstBackoff,
                               Duration maxBackoff, Duration requestBudget, Duration maxPacingWait, Duration claimLead) {
    public static final DispatchSettings DEFAULTS = new DispatchSettings(RetryPolicy.DEFAULT, Duration.ofMinutes(15),
            Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofSeconds(8));

    /** Waiting at most 20 s inline for a dial slot or a line, and claiming calls at their moment (no claim lead). */
    public DispatchSettings(RetryPolicy immediateRetries, Duration dialDeadline, Duration firstBackoff, Duration maxBackoff,
                            Duration requestBudget) {
        this(immediateRetries, dialDeadline, firstBackoff, maxBackoff, requestBudget, Duration.ofSeconds(20), Duration.ZERO);
    }

    public DispatchSettings {
        Objects.requireNonNull(immediateRetries, "immediateRetries");
        Objects.requireNonNull(dialDeadline, "dialDeadline");
        Objects.requireNonNull(firstBackoff, "firstBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(requestBudget, "requestBudget");
        Objects.requireNonNull(maxPacingWait, "maxPacingWait");
        Objects.requireNonNull(claimLead, "claimLead");
    }

    /** These settings, claiming calls {@code lead} before their moment (DialClaimLeadSeconds). */
    public DispatchSettings withClaimLead(Duration lead) {
        return new DispatchSettings(immediateRetries, dialDeadline, firstBackoff, maxBackoff, requestBudget, maxPacingWait, lead);
    }

    /**
     * The wait before the next attempt of a try that has been going for {@code trying}: as long again (so the waits
     * double: 1, 2, 4 minutes...), at least {@code firstBackoff}, at most {@code maxBackoff}, plus up to 20% jitter so
     * that calls failed together do not come back together.
     */
    Duration backoffAfter(Duration trying) {
        long base = Math.min(Math.max(trying.toMillis(), firstBackoff.toMillis()), maxBackoff.toMillis());
        return Duration.ofMillis(base + RestoreSafeRandom.nextLong(base / 5 + 1));
    }
}
