package io.callscheduler.emulators;

/** Delivers a fired schedule's input to its target (for a Lambda ARN: an asynchronous invoke). */
@FunctionalInterface
public interface ScheduleTarget {
    /** @throws Exception when the delivery failed; the Scheduler then retries per the target's retry policy */
    void deliver(String targetArn, String input) throws Exception;
}
