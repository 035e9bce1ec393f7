package io.callscheduler.reports;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Where an ended call is counted: the UTC hour it ended in, the callee's local hour it ended in (kept as a wall-clock
 * hour, not an offset, so that a zone half an hour off UTC still groups by its own hours: one UTC hour of calls to
 * India falls into two local hours, two buckets), its campaign and its caller ID (null: none, the default).
 */
public record BucketKey(Instant utcHour, LocalDateTime calleeLocalHour, String campaignId, String callerId) {
    public BucketKey {
        Objects.requireNonNull(utcHour, "utcHour");
        Objects.requireNonNull(calleeLocalHour, "calleeLocalHour");
        utcHour = utcHour.truncatedTo(ChronoUnit.HOURS);
        calleeLocalHour = calleeLocalHour.truncatedTo(ChronoUnit.HOURS);
    }

    public static BucketKey of(EndedCall call) {
        return new BucketKey(call.endedAt(), LocalDateTime.ofInstant(call.endedAt(), call.calleeZone()),
                call.campaignId(), call.callerId());
    }
}
