package io.callscheduler.lines;

import java.time.Instant;
import java.util.Map;

/**
 * The lines a deployment may have busy at once (MaxConcurrentCalls): a call takes one before it is claimed for
 * dialing and gives it back when it is no longer DIALING or IN_PROGRESS. The holders are shared by every
 * dispatcher, so the limit holds across concurrent invocations, not per container.
 */
public interface CallLines {
    /**
     * Takes a line for the call, unless every line is busy.
     *
     * @return true when the call holds a line now (also when it held one already)
     */
    boolean take(String callId, Instant now);

    /** Gives the call's line back; nothing happens when it holds none. */
    void release(String callId);

    /** The calls holding a line, with the moment each took it. */
    Map<String, Instant> holders();

    /** Gives the call's line back only if it is still the one taken at {@code since} (a stale holder). */
    void releaseIfTakenAt(String callId, Instant since);

    /** How many lines there are; 0 for no limit. */
    int limit();

    /** No limit: every call may dial at once. */
    CallLines UNLIMITED = new CallLines() {
        @Override
        public boolean take(String callId, Instant now) {
            return true;
        }

        @Override
        public void release(String callId) {
        }

        @Override
        public Map<String, Instant> holders() {
            return Map.of();
        }

        @Override
        public void releaseIfTakenAt(String callId, Instant since) {
        }

        @Override
        public int limit() {
            return 0;
        }
    };
}
