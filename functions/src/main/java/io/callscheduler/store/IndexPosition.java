package io.callscheduler.store;

import io.callscheduler.model.Call;

import java.time.Instant;
import java.util.Objects;

/** A place in the status index: just after the call with this scheduled time and id. */
public record IndexPosition(Instant scheduledAt, String id) {
    public IndexPosition {
        Objects.requireNonNull(scheduledAt, "scheduledAt");
        Objects.requireNonNull(id, "id");
    }

    public static IndexPosition after(Call call) {
        return new IndexPosition(call.scheduledAt(), call.id());
    }
}
