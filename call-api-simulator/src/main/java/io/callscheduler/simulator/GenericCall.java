package io.callscheduler.simulator;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A call placed through the generic contract ({@code POST /calls}).
 *
 * @param id       the simulator's id of the call
 * @param callId   the client's call id, which counts its requests and placements
 * @param sequence the next callback's sequence number
 * @param round    the client's redial round, echoed in callbacks' metadata past the first
 */
record GenericCall(String id, String callId, String to, Instant createdAt, String outcome, String from,
                   String callbackUrl, AtomicInteger sequence, int round) {
    /** A call read back from the data directory: only what was persisted. */
    GenericCall(String id, String callId, String to, Instant createdAt, String outcome) {
        this(id, callId, to, createdAt, outcome, null, null, new AtomicInteger(), 1);
    }
}
