package io.callscheduler.suppressions;

import java.time.Instant;
import java.util.Objects;

/**
 * A number on the do-not-call list: never dialed while the entry is active.
 *
 * @param number    E.164, as calls store their numbers
 * @param reason    why, in the words of whoever added it
 * @param source    where it came from ("api", "page", later "keypress" or "import")
 * @param expiresAt when it stops suppressing (to the second); null: never
 * @param addedAt   when the number was first put on the list (a later PUT keeps it)
 * @param callId    evidence of an opt-out made during a call: that call; null otherwise
 * @param digit     evidence of an opt-out by keypress: the digit pressed; null otherwise
 */
public record Suppression(String number, String reason, String source, Instant expiresAt, Instant addedAt,
                          String callId, String digit) {
    public Suppression {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(addedAt, "addedAt");
    }

    /**
     * Whether the entry still suppresses at {@code now}: DynamoDB's TTL deletes an expired entry lazily, up to days
     * late, so expiry is decided here, against the clock, never by the entry's absence.
     */
    public boolean activeAt(Instant now) {
        return expiresAt == null || now.isBefore(expiresAt);
    }
}
