package io.callscheduler.model;

import java.time.Instant;

/**
 * What the provider has reported of a placed call beyond its status.
 *
 * @param durationSeconds how long the call lasted, once it ended; else null
 * @param answeredBy      with answering-machine detection on: who answered (human, machine_start, ...); else null
 * @param lastCallbackAt  when the provider last pushed a status callback for it; null if it never has
 * @param lastSequence    the {@code SequenceNumber} of the last callback applied; null before any
 */
public record ProviderProgress(Integer durationSeconds, String answeredBy, Instant lastCallbackAt, Long lastSequence) {
    public static final ProviderProgress NONE = new ProviderProgress(null, null, null, null);
}
