package io.callscheduler.domain.dispatch;

import io.callscheduler.dispatch.DispatchRequest;
import io.callscheduler.model.Call;

import java.time.Instant;

/** One dispatch as it passes the steps: the call as last read or written, and what the steps found for it. */
final class Dial {
    final DispatchRequest request;
    /** No provider request may start that could end after this. */
    final Instant deadline;
    /** The call as this dispatch last read or wrote it. */
    Call call;
    /** Pacing's slot for the first request, once the dial-slot step found one; else null. */
    Instant slot;
    /** When the claimed call was due (its claim forgets when it waited for), set by the claim. */
    Instant dueAt;
    /** When this dispatch last read the do-not-call list, or null before it has. */
    Instant listReadAt;
    /** Whether this dispatch took a line, which it must give back unless the call ends up holding it. */
    boolean tookLine;

    Dial(DispatchRequest request, Instant deadline) {
        this.request = request;
        this.deadline = deadline;
    }
}
