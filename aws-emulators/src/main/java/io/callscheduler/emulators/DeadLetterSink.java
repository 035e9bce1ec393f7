package io.callscheduler.emulators;

import java.util.Map;

/** Receives deliveries that exhausted their retries (an SQS queue, for the Scheduler's DLQ). */
@FunctionalInterface
public interface DeadLetterSink {
    /** @param attributes message attributes as AWS sets them (ERROR_CODE, ERROR_MESSAGE, SCHEDULE_ARN, ...) */
    void send(String queueArn, String body, Map<String, String> attributes);
}
