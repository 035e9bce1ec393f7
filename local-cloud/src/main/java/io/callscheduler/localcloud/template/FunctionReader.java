package io.callscheduler.localcloud.template;

import io.callscheduler.localcloud.template.Intrinsics.NoValue;
import io.callscheduler.localcloud.template.SamTemplate.Function;
import io.callscheduler.localcloud.template.SamTemplate.Route;
import io.callscheduler.localcloud.template.SamTemplate.ScheduleEvent;
import io.callscheduler.localcloud.template.SamTemplate.TemplateException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.callscheduler.localcloud.template.TemplateValues.map;
import static io.callscheduler.localcloud.template.TemplateValues.string;

/** The template's {@code AWS::Serverless::Function}s, resolved, with {@code Globals.Function} merged in. */
final class FunctionReader {
    private final Map<String, Object> template;
    private final TemplateResources resources;
    private final Intrinsics intrinsics;

    FunctionReader(Map<String, Object> template, TemplateResources resources, Intrinsics intrinsics) {
        this.template = template;
        this.resources = resources;
        this.intrinsics = intrinsics;
    }

    /** Every function, in template order. */
    List<Function> functions() {
        Map<String, Object> globals = map(map(template.getOrDefault("Globals", Map.of()), "Globals")
                .getOrDefault("Function", Map.of()), "Globals.Function");
        List<Function> functions = new ArrayList<>();
        for (String logicalId : resources.ofType("AWS::Serverless::Function")) {
            Map<String, Object> properties = resources.properties(logicalId);
            Map<String, String> environment = new TreeMap<>(variables(globals, "Globals.Function"));
            environment.putAll(variables(properties, logicalId));
            List<Route> routes = new ArrayList<>();
            List<ScheduleEvent> schedules = new ArrayList<>();
            map(properties.getOrDefault("Events", Map.of()), logicalId + ".Events").forEach((eventId, event) -> {
                Map<String, Object> eventMap = map(event, logicalId + ".Events." + eventId);
                Map<String, Object> eventProperties = map(eventMap.get("Properties"), eventId + ".Properties");
                switch (String.valueOf(eventMap.get("Type"))) {
                    case "Api" -> routes.add(new Route(string(eventProperties.get("Method")).toUpperCase(java.util.Locale.ROOT),
                            string(eventProperties.get("Path")), ApiReader.apiKeyRequired(eventProperties.get("Auth"), intrinsics)));
                    case "ScheduleV2", "Schedule" -> schedules.add(new ScheduleEvent(eventId,
                            string(eventProperties.get("ScheduleExpression")),
                            eventProperties.containsKey("Input") ? string(eventProperties.get("Input")) : null));
                    case "DynamoDB", "SQS" -> {
                        // event source mappings: read by EventSourceMappingReader
                    }
                    default -> throw new TemplateException(logicalId + ": event type " + eventMap.get("Type")
                            + " is not run by the local cloud (Api, ScheduleV2, DynamoDB and SQS are)");
                }
            });
            functions.add(new Function(logicalId,
                    intrinsics.physicalName(logicalId),
                    string(required(properties, globals, "Handler", logicalId)),
                    string(required(properties, globals, "Runtime", logicalId)),
                    Integer.parseInt(string(properties.getOrDefault("MemorySize", globals.getOrDefault("MemorySize", 128)))),
                    Integer.parseInt(string(properties.getOrDefault("Timeout", globals.getOrDefault("Timeout", 3)))),
                    Map.copyOf(environment), List.copyOf(routes), List.copyOf(schedules),
                    onFailureQueue(properties),
                    properties.containsKey("ReservedConcurrentExecutions")
                            ? Integer.valueOf(string(properties.get("ReservedConcurrentExecutions"))) : null,
                    optional(properties, globals, "AutoPublishAlias"),
                    snapStart(properties.getOrDefault("SnapStart", globals.get("SnapStart")), logicalId)));
        }
        return functions;
    }

    /** A property of the function or its Globals, resolved; null when neither sets it. */
    private String optional(Map<String, Object> properties, Map<String, Object> globals, String key) {
        Object value = properties.getOrDefault(key, globals.get(key));
        Object resolved = value == null ? null : intrinsics.resolve(value);
        return resolved == null || resolved == NoValue.INSTANCE ? null : string(resolved);
    }

    private static Object required(Map<String, Object> properties, Map<String, Object> globals, String key, String logicalId) {
        Object value = properties.getOrDefault(key, globals.get(key));
        if (value == null) {
            throw new TemplateException(logicalId + ": " + key + " is required");
        }
        return value;
    }

    /** {@code SnapStart.ApplyOn}, resolved: PublishedVersions or None (or absent). */
    private boolean snapStart(Object snapStart, String logicalId) {
        if (snapStart == null) {
            return false;
        }
        Object applyOn = map(intrinsics.resolve(snapStart), logicalId + ".SnapStart").get("ApplyOn");
        return "PublishedVersions".equals(applyOn);
    }

    private Map<String, String> variables(Map<String, Object> properties, String where) {
        Object environment = properties.get("Environment");
        if (environment == null) {
            return Map.of();
        }
        Map<String, Object> variables = map(map(environment, where + ".Environment")
                .getOrDefault("Variables", Map.of()), where + ".Environment.Variables");
        Map<String, String> resolved = new TreeMap<>();
        variables.forEach((name, value) -> {
            Object result = intrinsics.resolve(value);
            if (result != NoValue.INSTANCE) {
                resolved.put(name, string(result));
            }
        });
        return resolved;
    }

    /** The logical id of the SQS queue in {@code EventInvokeConfig.DestinationConfig.OnFailure}, or null. */
    private static String onFailureQueue(Map<String, Object> properties) {
        Object config = properties.get("EventInvokeConfig");
        if (!(config instanceof Map<?, ?> configMap)
                || !(configMap.get("DestinationConfig") instanceof Map<?, ?> destinations)
                || !(destinations.get("OnFailure") instanceof Map<?, ?> onFailure)
                || !"SQS".equals(onFailure.get("Type"))
                || !(onFailure.get("Destination") instanceof Map<?, ?> destination)
                || !(destination.get("Fn::GetAtt") instanceof List<?> getAtt)) {
            return null;
        }
        return String.valueOf(getAtt.get(0));
    }
}
