package io.callscheduler.localcloud.template;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.callscheduler.localcloud.template.TemplateValues.string;

/**
 * What the local cloud needs from {@code template.yaml}, with every intrinsic function resolved for local
 * use: the functions (handler, memory, timeout, environment with {@code Globals} merged in), their API
 * routes and schedules, the API's CORS settings, the tables, schedule groups and queues.
 *
 * <p>Physical names follow the template where it gives them ({@code FunctionName}, {@code Name},
 * {@code QueueName}) and are {@code <stack>-<LogicalId>} where CloudFormation would generate one (the
 * table), so they are stable across restarts. Only the intrinsics this template family uses are
 * resolved; anything else is a clear error naming the function, never a silently wrong value.
 *
 * <p>This class is the public face: its records are what callers get. The reading is done by
 * {@link TemplateParameters}, {@link TemplateResources}, {@link Intrinsics}, {@link FunctionReader} and
 * {@link ApiReader}.
 */
public final class SamTemplate {
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

    /**
     * A {@code Type: DynamoDB} event of a function: an event source mapping on a table's stream.
     *
     * @param startingPosition          TRIM_HORIZON or LATEST
     * @param maximumRetryAttempts      -1: until the records expire
     * @param onFailureQueueArn         the SQS queue of {@code DestinationConfig.OnFailure}, or null
     */
    public record StreamEvent(String functionName, String eventId, String tableName, String startingPosition,
                              int batchSize, int maximumBatchingWindowSeconds, boolean reportBatchItemFailures,
                              int maximumRetryAttempts, boolean bisectBatchOnFunctionError, String onFailureQueueArn) {
    }

    /** A {@code Type: SQS} event of a function: an event source mapping on one of the template's queues. */
    public record QueueEvent(String functionName, String eventId, String queueName, int batchSize,
                             int maximumBatchingWindowSeconds, boolean reportBatchItemFailures) {
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

    /** Writes a queue's JSON attributes (RedrivePolicy) as the strings SQS takes. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TemplateParameters parameters;
    private final TemplateResources resources;
    private final Intrinsics intrinsics;
    private final FunctionReader functionReader;
    private final ApiReader apiReader;
    private final EventSourceMappingReader mappingReader;

    private SamTemplate(Map<String, Object> template, Map<String, String> parameterOverrides, Environment env) {
        this.resources = new TemplateResources(template);
        this.parameters = new TemplateParameters(template, parameterOverrides);
        this.intrinsics = new Intrinsics(template, resources, parameters, env);
        this.functionReader = new FunctionReader(template, resources, intrinsics);
        this.apiReader = new ApiReader(resources, intrinsics);
        this.mappingReader = new EventSourceMappingReader(resources, intrinsics);
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
        return functionReader.functions();
    }

    /** The first {@code AWS::Serverless::Api}. */
    public Api api() {
        return apiReader.api();
    }

    /** Table physical name → its CloudFormation properties (for creating it in DynamoDB Local). */
    public Map<String, Map<String, Object>> tables() {
        Map<String, Map<String, Object>> tables = new LinkedHashMap<>();
        for (String logicalId : resources.ofType("AWS::DynamoDB::Table")) {
            tables.put(intrinsics.physicalName(logicalId), resources.properties(logicalId));
        }
        return tables;
    }

    /** Names of the {@code AWS::Scheduler::ScheduleGroup}s. */
    public List<String> scheduleGroups() {
        return resources.ofType("AWS::Scheduler::ScheduleGroup").stream().map(intrinsics::physicalName).toList();
    }

    /** Queue logical id → queue name. */
    public Map<String, String> queues() {
        Map<String, String> queues = new LinkedHashMap<>();
        for (String logicalId : resources.ofType("AWS::SQS::Queue")) {
            queues.put(logicalId, intrinsics.physicalName(logicalId));
        }
        return queues;
    }

    /**
     * A queue's attributes as SQS's CreateQueue takes them ({@code VisibilityTimeout}, {@code DelaySeconds},
     * {@code RedrivePolicy} as a JSON string, ...), from its CloudFormation properties.
     */
    public Map<String, String> queueAttributes(String logicalId) {
        Map<String, String> attributes = new LinkedHashMap<>();
        resources.properties(logicalId).forEach((name, value) -> {
            Object resolved = intrinsics.resolve(value);
            if (name.equals("QueueName") || name.equals("Tags") || resolved == Intrinsics.NoValue.INSTANCE) {
                return;
            }
            attributes.put(name, resolved instanceof Map<?, ?> || resolved instanceof List<?>
                    ? JSON.valueToTree(resolved).toString()
                    : string(resolved));
        });
        return attributes;
    }

    /** Every function's {@code Type: DynamoDB} event, in template order. */
    public List<StreamEvent> streamEvents() {
        return mappingReader.streamEvents();
    }

    /** Every function's {@code Type: SQS} event, in template order. */
    public List<QueueEvent> queueEvents() {
        return mappingReader.queueEvents();
    }

    public String queueArn(String logicalId) {
        return intrinsics.queueArn(logicalId);
    }

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
