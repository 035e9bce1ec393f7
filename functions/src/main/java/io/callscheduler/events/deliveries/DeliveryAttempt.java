package io.callscheduler.events.deliveries;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One POST of a message to its endpoint, as the delivery log keeps it.
 *
 * @param attempt  its number within the current send, 1 for the first
 * @param status   the endpoint's HTTP status; null when none came (timeout, refused connection, refused address)
 * @param response the first {@link #MAX_RESPONSE_CHARS} characters of the answer's body, or "" for none
 * @param error    why no status came (e.g. "timeout after 15 s"), else null
 * @param outcome  what the delivery decided after it: delivered, retry, failed, disabled
 */
public record DeliveryAttempt(int attempt, Instant at, Integer status, Duration latency, String response, String error,
                              String outcome) {
    /** The first kilobyte of the answer: enough to see an error page's reason, not a whole page per attempt. */
    public static final int MAX_RESPONSE_CHARS = 1024;

    public DeliveryAttempt {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(outcome, "outcome");
        response = response == null ? "" : response.length() > MAX_RESPONSE_CHARS ? response.substring(0, MAX_RESPONSE_CHARS) : response;
    }
}
