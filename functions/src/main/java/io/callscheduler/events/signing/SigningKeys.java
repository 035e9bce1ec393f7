package io.callscheduler.events.signing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An endpoint's signing secrets: the current one, and after a rotation the previous one until {@code previousUntil},
 * so that a receiver has a day to switch to the new secret while every message still verifies with the old one.
 *
 * @param previous      null when the secret was never rotated
 * @param previousUntil when the previous secret stops signing; null with {@code previous}
 * @param rotation      how many rotations made these keys (0 at creation): the store's guard against two at once
 */
public record SigningKeys(String current, String previous, Instant previousUntil, long rotation) {
    /** How long the previous secret keeps signing after a rotation. */
    public static final Duration OVERLAP = Duration.ofHours(24);

    public SigningKeys {
        Objects.requireNonNull(current, "current");
        if ((previous == null) != (previousUntil == null)) {
            throw new IllegalArgumentException("previous and previousUntil come together");
        }
    }

    public static SigningKeys first(String secret) {
        return new SigningKeys(secret, null, null, 0);
    }

    /** The keys after a rotation at {@code now}: {@code next} signs, and the current one too for {@link #OVERLAP}. */
    public SigningKeys rotatedTo(String next, Instant now) {
        return new SigningKeys(next, current, now.plus(OVERLAP), rotation + 1);
    }

    /** The secrets that sign a message sent at {@code now}, newest first. */
    public List<String> signingAt(Instant now) {
        return previous != null && now.isBefore(previousUntil) ? List.of(current, previous) : List.of(current);
    }

    /** Never the values: a record's default toString would print them into any log that shows the keys. */
    @Override
    public String toString() {
        return "SigningKeys[rotation=" + rotation + ", previousUntil=" + previousUntil + "]";
    }
}
