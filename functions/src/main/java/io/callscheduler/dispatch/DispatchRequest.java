package io.callscheduler.dispatch;

import java.time.Instant;
import java.util.Objects;

/**
 * What a dispatch function invocation carries.
 *
 * @param callId       the call to dial
 * @param scheduledFor the scheduledAt this trigger was created for; a trigger whose time no longer matches
 *                     the call (it was rescheduled) is stale and ignored. Null means "whatever is stored".
 * @param source       who triggered it (scheduler, call-now, sweeper), for the history
 */
public record DispatchRequest(String callId, Instant scheduledFor, String source) {
    public DispatchRequest {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(source, "source");
    }
}
