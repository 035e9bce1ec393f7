package io.callscheduler.domain.sync;

import io.callscheduler.model.Call;

import java.time.Instant;

/** What the status sync does with one call it visits in its pass over a status. */
@FunctionalInterface
interface SyncRule {
    /**
     * @param runStart when the run started: every rule judges "how long" against the same moment
     * @param deadline no provider request may start that could end after it
     */
    void visit(Call call, Instant runStart, Instant deadline, SyncTally tally);
}
