package io.callscheduler.events;

import java.time.Instant;
import java.util.Objects;

/**
 * One write of one item, as a stream record shows it: the item before (null when the write created it) and after
 * (null when it deleted it), both of the same kind.
 *
 * @param key       the item's table key (unique across kinds): with the revision and the type, the webhook-id's input
 * @param changedAt when the write happened (the stream record's creation time): the timestamp of an event whose item
 *                  has no time of its own; the same every time the record is processed again
 */
public record ItemChange(String key, StoredItem before, StoredItem after, Instant changedAt) {
    public ItemChange {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(changedAt, "changedAt");
        if (before == null && after == null) {
            throw new IllegalArgumentException("a change of " + key + " needs an image before or after");
        }
        if (before != null && after != null && before.getClass() != after.getClass()) {
            throw new IllegalArgumentException("the images of " + key + " are of two kinds");
        }
    }
}
