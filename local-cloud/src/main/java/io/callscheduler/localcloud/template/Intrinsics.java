package io.callscheduler.localcloud.template;

import io.callscheduler.localcloud.template.SamTemplate.Environment;
import io.callscheduler.localcloud.template.SamTemplate.TemplateException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.callscheduler.localcloud.template.TemplateValues.map;
import static io.callscheduler.localcloud.template.TemplateValues.string;

/**
 * The intrinsic functions this template family uses ({@code Ref}, {@code Fn::GetAtt}, {@code Fn::Sub},
 * {@code Fn::If} with its conditions, {@code Fn::Join}), resolved for local use, and the physical names and
 * ARNs they resolve to. Any other function is a {@link TemplateException}, never a silently wrong value.
 */
final class Intrinsics {
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");

    /** {@code AWS::NoValue}: the property is left out. */
    enum NoValue { INSTANCE }

    private final Map<String, Object> template;
    private final TemplateResources resources;
    private final TemplateParameters parameters;
    private final Environment env;

    Intrinsics(Map<String, Object> template, TemplateResources resources, TemplateParameters parameters, Environment env) {
        this.template = template;
        this.resources = resources;
        this.parameters = parameters;
        this.env = env;
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
                    return String.join(string(join.get(0)), ((List<?>) resolve(join.get(1))).stream().map(TemplateValues::string).toList());
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
        if (parameters.has(name)) {
            return parameters.get(name);
        }
        if (!resources.has(name)) {
            throw new TemplateException("Ref " + name + ": no such parameter or resource");
        }
        if ("AWS::SQS::Queue".equals(resources.type(name))) {
            return env.sqsBaseUrl() + "/" + env.account() + "/" + physicalName(name);
        }
        return physicalName(name);
    }

    private String getAtt(String logicalId, String attribute) {
        Object type = resources.type(logicalId);
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
            // What a reference (a policy's Resource) needs; the stream mapping finds the real one, with its label.
            case "StreamArn" -> {
                if (!"AWS::DynamoDB::Table".equals(type)) {
                    throw new TemplateException("GetAtt " + logicalId + ".StreamArn: " + logicalId + " is not a table");
                }
                yield arn + "/stream/*";
            }
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

    String queueArn(String logicalId) {
        return "arn:aws:sqs:" + env.region() + ":" + env.account() + ":" + physicalName(logicalId);
    }

    /**
     * The name the template gives a resource ({@code FunctionName}, {@code Name}, ...), else
     * {@code <stack>-<LogicalId>} where CloudFormation would generate one, so it is stable across restarts.
     */
    String physicalName(String logicalId) {
        Map<String, Object> properties = resources.properties(logicalId);
        for (String nameProperty : List.of("FunctionName", "TableName", "QueueName", "Name", "RoleName", "BucketName")) {
            if (properties.containsKey(nameProperty)) {
                return string(resolve(properties.get(nameProperty)));
            }
        }
        String generated = env.stackName() + "-" + logicalId;
        return "AWS::S3::Bucket".equals(resources.type(logicalId))
                ? generated.toLowerCase(java.util.Locale.ROOT) : generated;
    }
}
