package io.callscheduler.benchmark;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * What the local cloud's {@code /_local/usage} counted between two readings, divided into the units AWS bills,
 * and what that costs at {@link AwsPrices}. Reads whatever the counters say: no count is assumed from the design.
 */
record Usage(double writeUnits, double strongReads, double eventualReads, double readUnits, double schedulerApiCalls,
             double scheduleInvocations, double lambdaInvocations, double gbSeconds, double dispatchGbSeconds,
             double apiRequests, double sqsRequests, double secretsManagerCalls) {

    static JsonNode read(LocalCloudClient client) {
        return client.send("GET", client.cloud.api.resolve("/_local/usage"), null, 200);
    }

    /** {@code after} minus {@code before}. */
    static Usage between(JsonNode before, JsonNode after) {
        return new Usage(
                diff(before, after, "dynamodb", "writeRequestUnits"),
                diff(before, after, "dynamodb", "stronglyConsistentReads"),
                diff(before, after, "dynamodb", "eventuallyConsistentReads"),
                diff(before, after, "dynamodb", "readRequestUnits"),
                sumDiff(before.path("requests").path("scheduler"), after.path("requests").path("scheduler")),
                diff(before, after, "scheduler", "invocations"),
                sumOverFunctions(before, after, "invocations"),
                sumOverFunctions(before, after, "gbSeconds"),
                diff(before.path("lambda"), after.path("lambda"), "call-scheduler-dispatch", "gbSeconds"),
                sumDiff(before.path("requests").path("apigateway"), after.path("requests").path("apigateway")),
                sumDiff(before.path("requests").path("sqs"), after.path("requests").path("sqs")),
                diff(before.path("requests"), after.path("requests"), "secretsmanager", "GetSecretValue"));
    }

    Usage per(int calls) {
        return new Usage(writeUnits / calls, strongReads / calls, eventualReads / calls, readUnits / calls,
                schedulerApiCalls / calls, scheduleInvocations / calls, lambdaInvocations / calls, gbSeconds / calls,
                dispatchGbSeconds / calls, apiRequests / calls, sqsRequests / calls, secretsManagerCalls / calls);
    }

    /** US$ on AWS for this usage. */
    double dollars() {
        return lambdaDollars() + dynamoDbDollars() + scheduleInvocations * AwsPrices.SCHEDULER_INVOCATION
                + apiRequests * AwsPrices.API_GATEWAY_REQUEST + sqsRequests * AwsPrices.SQS_REQUEST
                + secretsManagerCalls * AwsPrices.SECRETS_MANAGER_CALL;
    }

    double lambdaDollars() {
        return gbSeconds * AwsPrices.LAMBDA_GB_SECOND + lambdaInvocations * AwsPrices.LAMBDA_REQUEST;
    }

    double dynamoDbDollars() {
        return writeUnits * AwsPrices.DYNAMODB_WRITE_UNIT + readUnits * AwsPrices.DYNAMODB_READ_UNIT;
    }

    /** The counts, as one line of the table. */
    String describe() {
        return String.format(Locale.ROOT, "DynamoDB %.1f write units, %.1f read units (%.1f strong, %.1f eventual reads); "
                        + "Scheduler %.1f API calls, %.1f invocations; Lambda %.1f invocations, %.2f GB-s (dispatch %.2f); "
                        + "API Gateway %.1f; SQS %.1f; Secrets Manager %.1f",
                writeUnits, readUnits, strongReads, eventualReads, schedulerApiCalls, scheduleInvocations,
                lambdaInvocations, gbSeconds, dispatchGbSeconds, apiRequests, sqsRequests, secretsManagerCalls);
    }

    private static double diff(JsonNode before, JsonNode after, String group, String field) {
        return after.path(group).path(field).asDouble() - before.path(group).path(field).asDouble();
    }

    private static double sumDiff(JsonNode before, JsonNode after) {
        return sum(after) - sum(before);
    }

    private static double sum(JsonNode counts) {
        double total = 0;
        for (Iterator<JsonNode> values = counts.elements(); values.hasNext(); ) {
            total += values.next().asDouble();
        }
        return total;
    }

    private static double sumOverFunctions(JsonNode before, JsonNode after, String field) {
        double total = 0;
        for (Iterator<Map.Entry<String, JsonNode>> functions = after.path("lambda").fields(); functions.hasNext(); ) {
            Map.Entry<String, JsonNode> function = functions.next();
            total += function.getValue().path(field).asDouble() - before.path("lambda").path(function.getKey()).path(field).asDouble();
        }
        return total;
    }
}
