package io.callscheduler.emulators;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The attributes of one queue that change how it behaves: {@code VisibilityTimeout}, {@code DelaySeconds} and
 * {@code RedrivePolicy} (SQS's defaults: 30 s, 0 s, none), checked as SQS checks them, plus any other attribute as
 * given (MessageRetentionPeriod, SqsManagedSseEnabled...), only reported back.
 */
record SqsQueueAttributes(Map<String, String> values) {
    /** Where a message goes after it was received {@code maxReceiveCount} times without being deleted. */
    record Redrive(String deadLetterTargetArn, int maxReceiveCount) {
    }

    static final SqsQueueAttributes DEFAULTS = new SqsQueueAttributes(Map.of());

    SqsQueueAttributes {
        values = Map.copyOf(new TreeMap<>(values));
        seconds(values, "VisibilityTimeout", 30, 43_200);
        seconds(values, "DelaySeconds", 0, 900);
        redrive(values);
    }

    /** These attributes with {@code changes} applied (SetQueueAttributes). */
    SqsQueueAttributes with(Map<String, String> changes) {
        Map<String, String> merged = new TreeMap<>(values);
        merged.putAll(changes);
        return new SqsQueueAttributes(merged);
    }

    int visibilityTimeoutSeconds() {
        return seconds(values, "VisibilityTimeout", 30, 43_200);
    }

    int delaySeconds() {
        return seconds(values, "DelaySeconds", 0, 900);
    }

    /** The redrive policy, or null when the queue has none. */
    Redrive redrive() {
        return redrive(values);
    }

    private static int seconds(Map<String, String> values, String name, int byDefault, int max) {
        String value = values.get(name);
        if (value == null) {
            return byDefault;
        }
        try {
            int seconds = Integer.parseInt(value.trim());
            if (seconds >= 0 && seconds <= max) {
                return seconds;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new AwsError(400, "InvalidAttributeValue", "Invalid value for the parameter " + name + ": 0 to " + max + " seconds");
    }

    private static Redrive redrive(Map<String, String> values) {
        String policy = values.get("RedrivePolicy");
        if (policy == null || policy.isBlank()) {
            return null;
        }
        try {
            JsonNode json = HttpJson.MAPPER.readTree(policy);
            String target = json.path("deadLetterTargetArn").asText("");
            int maxReceiveCount = Integer.parseInt(json.path("maxReceiveCount").asText(""));
            if (!target.startsWith("arn:aws:sqs:") || maxReceiveCount < 1 || maxReceiveCount > 1000) {
                throw new NumberFormatException();
            }
            return new Redrive(target, maxReceiveCount);
        } catch (IOException | NumberFormatException e) {
            throw new AwsError(400, "InvalidAttributeValue", "Invalid value for the parameter RedrivePolicy: "
                    + "it must be JSON with deadLetterTargetArn (an SQS ARN) and maxReceiveCount (1 to 1000)");
        }
    }
}
