package io.callscheduler.localcloud.template;

import io.callscheduler.localcloud.template.SamTemplate.QueueEvent;
import io.callscheduler.localcloud.template.SamTemplate.StreamEvent;
import io.callscheduler.localcloud.template.SamTemplate.TemplateException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.callscheduler.localcloud.template.TemplateValues.map;
import static io.callscheduler.localcloud.template.TemplateValues.string;

/**
 * The functions' {@code Type: DynamoDB} and {@code Type: SQS} events (SAM's event source mappings), with SAM's
 * defaults: BatchSize 100 for a stream and 10 for a queue, no batching window, MaximumRetryAttempts -1 (until the
 * records expire). {@code Enabled: false} mappings are left out. What the local cloud cannot run (a stream other
 * than a table's, StartingPosition AT_TIMESTAMP, filters) is a clear error, never silently ignored.
 */
final class EventSourceMappingReader {
    private static final List<String> STREAM_PROPERTIES = List.of("Stream", "StartingPosition", "BatchSize",
            "MaximumBatchingWindowInSeconds", "FunctionResponseTypes", "MaximumRetryAttempts",
            "BisectBatchOnFunctionError", "DestinationConfig", "Enabled");
    private static final List<String> QUEUE_PROPERTIES = List.of("Queue", "BatchSize", "MaximumBatchingWindowInSeconds",
            "FunctionResponseTypes", "Enabled");

    private final TemplateResources resources;
    private final Intrinsics intrinsics;

    EventSourceMappingReader(TemplateResources resources, Intrinsics intrinsics) {
        this.resources = resources;
        this.intrinsics = intrinsics;
    }

    List<StreamEvent> streamEvents() {
        List<StreamEvent> events = new ArrayList<>();
        forEachEvent("DynamoDB", STREAM_PROPERTIES, (functionName, eventId, properties) -> {
            String where = functionName + " event " + eventId;
            String position = string(properties.get("StartingPosition"));
            if (!"TRIM_HORIZON".equals(position) && !"LATEST".equals(position)) {
                throw new TemplateException(where + ": StartingPosition " + position
                        + " is not run by the local cloud (TRIM_HORIZON and LATEST are)");
            }
            events.add(new StreamEvent(functionName, eventId, tableOf(properties.get("Stream"), where), position,
                    integer(properties, "BatchSize", 100), integer(properties, "MaximumBatchingWindowInSeconds", 0),
                    reportsItemFailures(properties), integer(properties, "MaximumRetryAttempts", -1),
                    "true".equals(string(intrinsics.resolve(properties.getOrDefault("BisectBatchOnFunctionError", "false")))),
                    onFailureQueueArn(properties, where)));
        });
        return events;
    }

    List<QueueEvent> queueEvents() {
        List<QueueEvent> events = new ArrayList<>();
        forEachEvent("SQS", QUEUE_PROPERTIES, (functionName, eventId, properties) -> events.add(new QueueEvent(
                functionName, eventId, queueOf(properties.get("Queue"), functionName + " event " + eventId),
                integer(properties, "BatchSize", 10), integer(properties, "MaximumBatchingWindowInSeconds", 0),
                reportsItemFailures(properties))));
        return events;
    }

    private interface EventConsumer {
        void accept(String functionName, String eventId, Map<String, Object> properties);
    }

    private void forEachEvent(String type, List<String> supported, EventConsumer consumer) {
        for (String logicalId : resources.ofType("AWS::Serverless::Function")) {
            Map<String, Object> events = map(resources.properties(logicalId).getOrDefault("Events", Map.of()), logicalId + ".Events");
            events.forEach((eventId, event) -> {
                Map<String, Object> eventMap = map(event, logicalId + ".Events." + eventId);
                if (!type.equals(eventMap.get("Type"))) {
                    return;
                }
                Map<String, Object> properties = map(eventMap.get("Properties"), eventId + ".Properties");
                for (String property : properties.keySet()) {
                    if (!supported.contains(property)) {
                        throw new TemplateException(logicalId + " event " + eventId + ": " + property
                                + " is not run by the local cloud (" + String.join(", ", supported) + " are)");
                    }
                }
                if (!"false".equals(string(intrinsics.resolve(properties.getOrDefault("Enabled", "true"))))) {
                    consumer.accept(intrinsics.physicalName(logicalId), eventId, properties);
                }
            });
        }
    }

    /** The table of {@code !GetAtt Table.StreamArn}. */
    private String tableOf(Object stream, String where) {
        if (stream instanceof Map<?, ?> getAtt && getAtt.get("Fn::GetAtt") instanceof List<?> parts && parts.size() == 2
                && "StreamArn".equals(parts.get(1)) && "AWS::DynamoDB::Table".equals(resources.type(String.valueOf(parts.get(0))))) {
            return intrinsics.physicalName(String.valueOf(parts.get(0)));
        }
        throw new TemplateException(where + ": Stream must be !GetAtt <table>.StreamArn of a table of this template");
    }

    /** The queue of {@code !GetAtt Queue.Arn}. */
    private String queueOf(Object queue, String where) {
        if (queue instanceof Map<?, ?> getAtt && getAtt.get("Fn::GetAtt") instanceof List<?> parts && parts.size() == 2
                && "Arn".equals(parts.get(1)) && "AWS::SQS::Queue".equals(resources.type(String.valueOf(parts.get(0))))) {
            return intrinsics.physicalName(String.valueOf(parts.get(0)));
        }
        throw new TemplateException(where + ": Queue must be !GetAtt <queue>.Arn of a queue of this template");
    }

    private String onFailureQueueArn(Map<String, Object> properties, String where) {
        Object config = properties.get("DestinationConfig");
        if (config == null) {
            return null;
        }
        Object destination = map(map(config, where + ".DestinationConfig").get("OnFailure"), where + ".OnFailure").get("Destination");
        String arn = string(intrinsics.resolve(destination));
        if (!arn.startsWith("arn:aws:sqs:")) {
            throw new TemplateException(where + ": the local cloud sends OnFailure only to an SQS queue, not " + arn);
        }
        return arn;
    }

    private boolean reportsItemFailures(Map<String, Object> properties) {
        Object types = intrinsics.resolve(properties.getOrDefault("FunctionResponseTypes", List.of()));
        return types instanceof List<?> list && list.contains("ReportBatchItemFailures");
    }

    private int integer(Map<String, Object> properties, String name, int byDefault) {
        return properties.containsKey(name) ? Integer.parseInt(string(intrinsics.resolve(properties.get(name)))) : byDefault;
    }
}
