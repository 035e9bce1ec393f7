package io.callscheduler.localcloud.template;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the local cloud needs from {@code template.yaml}, with every intrinsic function resolved for local
 * use: the functions (handler, memory, timeout, environment with {@code Globals} merged in), their API
 * routes and schedules, the API's CORS settings, the tables, schedule groups and queues.
 *
 * <p>Physical names follow the template where it gives them ({@code FunctionName}, {@code Name},
 * {@code QueueName}) and are {@code <stack>-<LogicalId>} where CloudFormation would generate one (the
 * table), so they are stable across restarts. Only the intrinsics this template family uses are
 * resolved; anything else is a clear error naming the function, never a silently wrong value.
 */
public final class SamTemplate {
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");

    /** Where the local resources live, for ARNs and queue URLs. */
    public record Environment(String stackName, String region, String account, String sqsBaseUrl) {
    }

    /**
     * An API route of a function: {@code Method} upper-case, {@code Path} as written ({@code /calls/{id}}), and
     * the event's own {@code Auth.ApiKeyRequired} (null when it leaves it to the API's).
     */
    public record Route(String method, String path, Boolean apiKeyRequired) {
    }

    /** A {@code ScheduleV2} event of a function. */
    public record ScheduleEvent(String eventId, String expression, String input) {
    }

    /**
     * A function, resolved; {@code alias} is its {@code AutoPublishAlias} (null for none), which SAM makes
     * its API routes and schedules invoke, and {@code snapStart} whether its versions are snapshotted.
     */
    public record Function(String logicalId, String name, String handler, String runtime, int memoryMb,
                           int timeoutSeconds, Map<String, String> environment, List<Route> routes,
                           List<ScheduleEvent> schedules, String onFailureQueueLogicalId,
                           Integer reservedConcurrency, String alias, boolean snapStart) {
        /** The handler's class: {@code package.Class} of {@code package.Class::method}. */
        public String handlerClass() {
            int separator = handler.indexOf("::");
            return separator < 0 ? handler : handler.substring(0, separator);
        }

        /** The handler's method: {@code handleRequest} unless the handler names another. */
        public String handlerMethod() {
            int separator = handler.indexOf("::");
            return separator < 0 ? "handleRequest" : handler.substring(separator + 2);
        }
    }

    /** The {@code Cors} of the API, with the quotes API Gateway wants around each value removed. */
    public record Cors(String allowOrigin, String allowMethods, String allowHeaders, String maxAge) {
    }

    /**
     * The API's stage, CORS (null when the template sets none), and the headers of its gateway responses by
     * type ({@code DEFAULT_4XX}, {@code DEFAULT_5XX}), unquoted; and whether its routes require an API key
     * unless a route says otherwise ({@code Auth.ApiKeyRequired}).
     */
    public record Api(String stageName, Cors cors, Map<String, Map<String, String>> gatewayResponseHeaders,
                      boolean apiKeyRequired) {
        /** Whether this route requires a key: its own setting, else the API's. */
        public boolean apiKeyRequired(Route route) {
            return route.apiKeyRequired() != null ? route.apiKeyRequired() : apiKeyRequired;
        }

        /** The headers API Gateway adds to its own error answer with this status. */
        public Map<String, String> gatewayResponseHeaders(int status) {
            return gatewayResponseHeaders.getOrDefault(status >= 500 ? "DEFAULT_5XX" : "DEFAULT_4XX", Map.of());
        }
    }

    private final Map<String, Object> template;
    private final Map<String, Object> resources;
    private final Map<String, String> parameters = new LinkedHashMap<>();
    private final Environment env;

    private SamTemplate(Map<String, Object> template, Map<String, String> parameterOverrides, Environment env) {
        this.template = template;
        this.resources = map(template.get("Resources"), "Resources");
        this.env = env;
        Map<String, Object> declared = map(template.getOrDefault("Parameters", Map.of()), "Parameters");
        declared.forEach((name, declaration) -> {
            Object defaultValue = map(declaration, "Parameters." + name).get("Default");
            if (defaultValue != null) {
                parameters.put(name, String.valueOf(defaultValue));
            }
        });
        parameterOverrides.forEach((name, value) -> {
            if (!declared.containsKey(name)) {
                throw new TemplateException("parameter " + name + " is not declared in the template");
            }
            checkAllowed(name, value, map(declared.get(name), "Parameters." + name));
            parameters.put(name, value);
        });
    }

    /** As CloudFormation does before deploying: AllowedValues and AllowedPattern. */
    private static void checkAllowed(String name, String value, Map<String, Object> declaration) {
        if (declaration.get("AllowedValues") instanceof List<?> allowed
                && allowed.stream().map(String::valueOf).noneMatch(value::equals)) {
            throw new TemplateException("parameter " + name + "=" + value + " is not one of " + allowed);
        }
        if (declaration.get("AllowedPattern") instanceof String pattern && !value.matches(pattern)) {
            throw new TemplateException("parameter " + name + "=" + value + " does not match its AllowedPattern " + pattern);
        }
    }

    /** A parameter's value: the override, else its default; null when it has neither. */
    public String parameter(String name) {
        return parameters.get(name);
    }

    /**
     * Reads and resolves a template.
     *
     * @param parameterOverrides values for the template's parameters (others take their defaults)
     * @throws TemplateException when the template cannot be read or uses what cannot be resolved locally
     */
    public static SamTemplate read(Path file, Map<String, String> parameterOverrides, Environment env) {
        try {
            return new SamTemplate(CloudFormationYaml.read(file), parameterOverrides, env);
        } catch (TemplateException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new TemplateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Every {@code AWS::Serverless::Function}, in template order. */
    public List<Function> functions() {
        Map<String, Object> globals = map(map(template.getOrDefault("Globals", Map.of()), "Globals")
                .getOrDefault("Function", Map.of()), "Globals.Function");
        List<Function> functions = new ArrayList<>();
        for (String logicalId : resourcesOfType("AWS::Serverless::Function")) {
            Map<String, Object> properties = properties(logicalId);
            Map<String, String> environment = new TreeMap<>(variables(globals, "Globals.Function"));
            environment.putAll(variables(properties, logicalId));
            List<Route> routes = new ArrayList<>();
            List<ScheduleEvent> schedules = new ArrayList<>();
            map(properties.getOrDefault("Events", Map.of()), logicalId + ".Events").forEach((eventId, event) -> {
                Map<String, Object> eventMap = map(event, logicalId + ".Events." + eventId);
                Map<String, Object> eventProperties = map(eventMap.get("Properties"), eventId + ".Properties");
                switch (String.valueOf(eventMap.get("Type"))) {
                    case "Api" -> routes.add(new Route(string(eventProperties.get("Method")).toUpperCase(java.util.Locale.ROOT),
                            string(eventProperties.get("Path")), apiKeyRequired(eventProperties.get("Auth"))));
                    case "ScheduleV2", "Schedule" -> schedules.add(new ScheduleEvent(eventId,
                            string(eventProperties.get("ScheduleExpression")),
                            eventProperties.containsKey("Input") ? string(eventProperties.get("Input")) : null));
                    default -> throw new TemplateException(logicalId + ": event type " + eventMap.get("Type")
                            + " is not run by the local cloud (Api and ScheduleV2 are)");
                }
            });
            functions.add(new Function(logicalId,
                    physicalName(logicalId),
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
        Object resolved = value == null ? null : resolve(value);
        return resolved == null || resolved == NoValue.INSTANCE ? null : string(resolved);
    }

    /** {@code SnapStart.ApplyOn}, resolved: PublishedVersions or None (or absent). */
    private boolean snapStart(Object snapStart, String logicalId) {
        if (snapStart == null) {
            return false;
        }
        Object applyOn = map(resolve(snapStart), logicalId + ".SnapStart").get("ApplyOn");
        return "PublishedVersions".equals(applyOn);
    }

    /** The first {@code AWS::Serverless::Api}. */
    public Api api() {
        List<String> apis = resourcesOfType("AWS::Serverless::Api");
        if (apis.isEmpty()) {
            return new Api("Prod", null, Map.of(), false);
        }
        Map<String, Object> properties = properties(apis.get(0));
        Object cors = resolve(properties.get("Cors"));
        Cors resolvedCors = null;
        if (cors instanceof Map<?, ?> corsMap) {
            resolvedCors = new Cors(unquote(corsMap.get("AllowOrigin")), unquote(corsMap.get("AllowMethods")),
                    unquote(corsMap.get("AllowHeaders")), unquote(corsMap.get("MaxAge")));
        } else if (cors != null) {
            resolvedCors = new Cors(unquote(cors), null, null, null);
        }
        Map<String, Map<String, String>> gatewayResponses = new LinkedHashMap<>();
        map(resolve(properties.getOrDefault("GatewayResponses", Map.of())), "GatewayResponses").forEach((type, response) -> {
            Object headers = map(response, "GatewayResponses." + type).getOrDefault("ResponseParameters", Map.of());
            Map<String, String> unquoted = new LinkedHashMap<>();
            map(resolve(map(headers, "ResponseParameters").getOrDefault("Headers", Map.of())), "Headers")
                    .forEach((name, value) -> unquoted.put(name, unquote(resolve(value))));
            gatewayResponses.put(type, Map.copyOf(unquoted));
        });
        return new Api(string(properties.getOrDefault("StageName", "Prod")), resolvedCors, Map.copyOf(gatewayResponses),
                Boolean.TRUE.equals(apiKeyRequired(properties.get("Auth"))));
    }

    /** {@code Auth.ApiKeyRequired} of an API or an event, resolved (conditions included); null when unset. */
    private Boolean apiKeyRequired(Object auth) {
        if (auth == null) {
            return null;
        }
        Object required = map(resolve(auth), "Auth").get("ApiKeyRequired");
        return required == null ? null : Boolean.valueOf(string(required));
    }

    /** Table physical name → its CloudFormation properties (for creating it in DynamoDB Local). */
    public Map<String, Map<String, Object>> tables() {
        Map<String, Map<String, Object>> tables = new LinkedHashMap<>();
        for (String logicalId : resourcesOfType("AWS::DynamoDB::Table")) {
            tables.put(physicalName(logicalId), properties(logicalId));
        }
        return tables;
    }

    /** Names of the {@code AWS::Scheduler::ScheduleGroup}s. */
    public List<String> scheduleGroups() {
        return resourcesOfType("AWS::Scheduler::ScheduleGroup").stream().map(this::physicalName).toList();
    }

    /** Queue logical id → queue name. */
    public Map<String, String> queues() {
        Map<String, String> queues = new LinkedHashMap<>();
        for (String logicalId : resourcesOfType("AWS::SQS::Queue")) {
            queues.put(logicalId, physicalName(logicalId));
        }
        return queues;
    }

    public String queueArn(String logicalId) {
        return "arn:aws:sqs:" + env.region() + ":" + env.account() + ":" + physicalName(logicalId);
    }

    // ---- resolution ----

    private Map<String, String> variables(Map<String, Object> properties, String where) {
        Object environment = properties.get("Environment");
        if (environment == null) {
            return Map.of();
        }
        Map<String, Object> variables = map(map(environment, where + ".Environment")
                .getOrDefault("Variables", Map.of()), where + ".Environment.Variables");
        Map<String, String> resolved = new TreeMap<>();
        variables.forEach((name, value) -> {
            Object result = resolve(value);
            if (result != NoValue.INSTANCE) {
                resolved.put(name, string(result));
            }
        });
        return resolved;
    }

    private String onFailureQueue(Map<String, Object> properties) {
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

    private List<String> resourcesOfType(String type) {
        List<String> ids = new ArrayList<>();
        resources.forEach((id, resource) -> {
            if (type.equals(map(resource, id).get("Type"))) {
                ids.add(id);
            }
        });
        return ids;
    }

    private Map<String, Object> properties(String logicalId) {
        Map<String, Object> resource = map(resources.get(logicalId), logicalId);
        return map(resource.getOrDefault("Properties", Map.of()), logicalId + ".Properties");
    }

    private Object required(Map<String, Object> properties, Map<String, Object> globals, String key, String logicalId) {
        Object value = properties.getOrDefault(key, globals.get(key));
        if (value == null) {
            throw new TemplateException(logicalId + ": " + key + " is required");
        }
        return value;
    }

    /** Resolves intrinsic functions in a value; returns a String, a List, a Map or {@link NoValue}. */
    Object resolve(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(this::resolve).filter(v -> v != NoValue.INSTANCE).toList();
        }
        if (!(value instanceof Map<?, ?> map)) {
            return value == null ? null : String.valueOf(value);
        }
        if (map.size() == 1) {
            String key = String.valueOf(map.keySet().iterator().next());
            Object argument = map.values().iterator().next();
            switch (key) {
                case "Ref":
                    return ref(string(argument));
                case "Fn::GetAtt":
                    List<?> parts = (List<?>) argument;
                    return getAtt(string(parts.get(0)), string(parts.get(1)));
                case "Fn::Sub":
                    return sub(argument);
                case "Fn::If":
                    List<?> branches = (List<?>) argument;
                    return resolve(condition(string(branches.get(0))) ? branches.get(1) : branches.get(2));
                case "Fn::Join":
                    List<?> join = (List<?>) argument;
                    return String.join(string(join.get(0)), ((List<?>) resolve(join.get(1))).stream().map(SamTemplate::string).toList());
                default:
                    if (key.startsWith("Fn::")) {
                        throw new TemplateException(key + " is not resolved by the local cloud");
                    }
            }
        }
        Map<String, Object> resolved = new LinkedHashMap<>();
        map.forEach((k, v) -> resolved.put(String.valueOf(k), resolve(v)));
        return resolved;
    }

    private boolean condition(String name) {
        Map<String, Object> conditions = map(template.getOrDefault("Conditions", Map.of()), "Conditions");
        if (!conditions.containsKey(name)) {
            throw new TemplateException("condition " + name + " is not defined");
        }
        return evaluate(conditions.get(name));
    }

    private boolean evaluate(Object expression) {
        Map<String, Object> map = map(expression, "condition");
        String function = map.keySet().iterator().next();
        Object argument = map.get(function);
        return switch (function) {
            case "Fn::Equals" -> Objects.equals(resolve(((List<?>) argument).get(0)), resolve(((List<?>) argument).get(1)));
            case "Fn::Not" -> !evaluate(((List<?>) argument).get(0));
            case "Fn::And" -> ((List<?>) argument).stream().allMatch(this::evaluate);
            case "Fn::Or" -> ((List<?>) argument).stream().anyMatch(this::evaluate);
            case "Condition" -> condition(string(argument));
            default -> throw new TemplateException("condition function " + function + " is not resolved by the local cloud");
        };
    }

    private Object ref(String name) {
        switch (name) {
            case "AWS::StackName": return env.stackName();
            case "AWS::Region": return env.region();
            case "AWS::AccountId": return env.account();
            case "AWS::Partition": return "aws";
            case "AWS::URLSuffix": return "amazonaws.com";
            case "AWS::NoValue": return NoValue.INSTANCE;
            default:
        }
        if (parameters.containsKey(name)) {
            return parameters.get(name);
        }
        if (!resources.containsKey(name)) {
            throw new TemplateException("Ref " + name + ": no such parameter or resource");
        }
        if ("AWS::SQS::Queue".equals(map(resources.get(name), name).get("Type"))) {
            return env.sqsBaseUrl() + "/" + env.account() + "/" + physicalName(name);
        }
        return physicalName(name);
    }

    private String getAtt(String logicalId, String attribute) {
        Object type = map(resources.get(logicalId), logicalId).get("Type");
        String name = physicalName(logicalId);
        String arn = switch (String.valueOf(type)) {
            case "AWS::DynamoDB::Table" -> "arn:aws:dynamodb:" + env.region() + ":" + env.account() + ":table/" + name;
            case "AWS::SQS::Queue" -> queueArn(logicalId);
            case "AWS::IAM::Role" -> "arn:aws:iam::" + env.account() + ":role/" + name;
            case "AWS::Serverless::Function" -> "arn:aws:lambda:" + env.region() + ":" + env.account() + ":function:" + name;
            case "AWS::Scheduler::ScheduleGroup" -> "arn:aws:scheduler:" + env.region() + ":" + env.account() + ":schedule-group/" + name;
            case "AWS::S3::Bucket" -> "arn:aws:s3:::" + name;
            default -> null;
        };
        return switch (attribute) {
            case "Arn" -> {
                if (arn == null) {
                    throw new TemplateException("GetAtt " + logicalId + ".Arn: type " + type + " is not resolved locally");
                }
                yield arn;
            }
            case "QueueName", "Name" -> name;
            default -> throw new TemplateException("GetAtt " + logicalId + "." + attribute + " is not resolved locally");
        };
    }

    private String sub(Object argument) {
        String text;
        Map<String, Object> variables = Map.of();
        if (argument instanceof List<?> list) {
            text = string(list.get(0));
            variables = map(list.get(1), "Fn::Sub variables");
        } else {
            text = string(argument);
        }
        Matcher matcher = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String variable = matcher.group(1);
            String value;
            if (variables.containsKey(variable)) {
                value = string(resolve(variables.get(variable)));
            } else if (variable.contains(".") && !variable.startsWith("AWS::")) {
                String[] parts = variable.split("\\.", 2);
                value = getAtt(parts[0], parts[1]);
            } else {
                value = string(ref(variable));
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString().replace("${!", "${");
    }

    private String physicalName(String logicalId) {
        Map<String, Object> properties = properties(logicalId);
        for (String nameProperty : List.of("FunctionName", "TableName", "QueueName", "Name", "RoleName", "BucketName")) {
            if (properties.containsKey(nameProperty)) {
                return string(resolve(properties.get(nameProperty)));
            }
        }
        String generated = env.stackName() + "-" + logicalId;
        return "AWS::S3::Bucket".equals(map(resources.get(logicalId), logicalId).get("Type"))
                ? generated.toLowerCase(java.util.Locale.ROOT) : generated;
    }

    private static String unquote(Object value) {
        if (value == null) {
            return null;
        }
        String text = String.valueOf(value);
        return text.length() >= 2 && text.startsWith("'") && text.endsWith("'") ? text.substring(1, text.length() - 1) : text;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String where) {
        if (!(value instanceof Map<?, ?>)) {
            throw new TemplateException(where + " must be a mapping");
        }
        return (Map<String, Object>) value;
    }

    private static String string(Object value) {
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            throw new TemplateException("expected a plain value, found " + value);
        }
        return String.valueOf(value);
    }

    /** {@code AWS::NoValue}: the property is left out. */
    enum NoValue { INSTANCE }

    /** The template cannot be read or resolved locally; the message says where. */
    public static final class TemplateException extends RuntimeException {
        public TemplateException(String message) {
            super(message);
        }

        public TemplateException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
