package io.callscheduler.model;

import java.time.Instant;
import java.util.Objects;

/** One entry of a call's history: the status it entered, when, and why (free text, may be null). */
public record StatusChange(CallStatus status, Instant at, String detail) {
    public StatusChange {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
    }
}
