package io.callscheduler.model;

/**
 * Why a SCHEDULED call waits for {@code nextAttemptAt} rather than for its scheduled time: one reason at a time,
 * shown in the API, the history and on the page.
 */
public enum WaitingFor {
    /** A request of this try failed for a passing reason (provider down, rate-limited, a credential unreadable). */
    RETRY("a retry"),
    /** Pacing (MaxCallsPerSecond) gave the call a later dial slot. */
    DIAL_SLOT("its dial slot"),
    /** Every line was busy (MaxConcurrentCalls). */
    LINE("a free line"),
    /** The moment was outside the callee's calling hours. */
    CALLING_HOURS("calling hours"),
    /** The last try ended busy, unanswered or failed, and the redial policy tries again. */
    REDIAL("a redial"),
    /** Its campaign is paused: it dials once the campaign resumes (or ends CANCELED if the campaign is stopped). */
    CAMPAIGN_PAUSED("its campaign to resume");

    private final String words;

    WaitingFor(String words) {
        this.words = words;
    }

    /** Plain words for "waiting for ...". */
    public String words() {
        return words;
    }
}
