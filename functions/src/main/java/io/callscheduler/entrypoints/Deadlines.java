package io.callscheduler.entrypoints;

import com.amazonaws.services.lambda.runtime.Context;

import java.time.Duration;
import java.time.Instant;

/** When a handler must have finished its work: the function's remaining time, less a margin to answer. */
final class Deadlines {
    private Deadlines() {
    }

    /**
     * @param margin      kept back to record results and return
     * @param whenUnknown the time the work may take when the context gives no remaining time (a test, a
     *                    caller without a Lambda context); null for no deadline
     */
    static Instant fromContext(Context context, Duration margin, Duration whenUnknown) {
        long remaining = context == null ? 0 : context.getRemainingTimeInMillis();
        if (remaining <= 0) {
            return whenUnknown == null ? Instant.MAX : Instant.now().plus(whenUnknown).minus(margin);
        }
        return Instant.now().plusMillis(remaining).minus(margin);
    }
}
