package io.callscheduler.benchmark;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * One cold start, in a fresh JVM the benchmark launches: create the handler as the Lambda runtime does (no
 * arguments, settings from the environment), give it one event, print {@code RESPONSE} once it answers.
 * {@code bare-getitem} instead builds one SDK client and does one GetItem: the floor any handler stands on.
 */
public final class ColdStart {
    /** Set to true: init and SnapStart priming first, then {@code RESTORED}, then the invocation. */
    static final String RESTORE_LIKE = "COLD_START_RESTORE_LIKE";

    private ColdStart() {
    }

    public static void main(String[] args) throws Exception {
        String what = args[0];
        if (what.equals("bare-getitem")) {
            try (DynamoDbClient dynamoDb = DynamoDbClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                    .region(Region.of(System.getenv("AWS_REGION")))
                    .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
                    .endpointOverride(URI.create(System.getenv("AWS_ENDPOINT_URL_DYNAMODB"))).build()) {
                dynamoDb.getItem(r -> r.tableName(System.getenv("TABLE_NAME")).key(Map.of("id", AttributeValue.fromS("none"))));
            }
            System.out.println("RESPONSE");
            return;
        }
        Object handler = Class.forName(what).getConstructor().newInstance();
        if ("true".equals(System.getenv(RESTORE_LIKE))) {
            // What a SnapStart snapshot holds: init done, then the hooks Lambda runs around the snapshot.
            var hooks = io.callscheduler.config.Services.forEnvironment(System.getenv()).snapStartHooks();
            hooks.beforeCheckpoint(null);
            hooks.afterRestore(null);
            System.out.println("RESTORED");
        }
        String event = args[1];
        if (handler instanceof RequestStreamHandler stream) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            stream.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, CONTEXT);
        } else {
            // As the Lambda runtime does: the event's type is handleRequest's first parameter (API Gateway, a DynamoDB
            // stream batch, an SQS batch), read with the Lambda event library's serializers.
            Method handle = Arrays.stream(handler.getClass().getMethods())
                    .filter(m -> m.getName().equals("handleRequest") && !m.isBridge() && m.getParameterCount() == 2)
                    .findFirst().orElseThrow();
            Object request = LambdaEventSerializers.serializerFor(handle.getParameterTypes()[0], ColdStart.class.getClassLoader())
                    .fromJson(event);
            @SuppressWarnings("unchecked")
            RequestHandler<Object, Object> typed = (RequestHandler<Object, Object>) handler;
            typed.handleRequest(request, CONTEXT);
        }
        System.out.println("RESPONSE");
        System.exit(0); // non-daemon SDK threads would otherwise keep the JVM up
    }

    private static final Context CONTEXT = new Context() {
        @Override public String getAwsRequestId() { return "cold-start"; }
        @Override public String getLogGroupName() { return "cold-start"; }
        @Override public String getLogStreamName() { return "cold-start"; }
        @Override public String getFunctionName() { return "cold-start"; }
        @Override public String getFunctionVersion() { return "$LATEST"; }
        @Override public String getInvokedFunctionArn() { return "cold-start"; }
        @Override public CognitoIdentity getIdentity() { return null; }
        @Override public ClientContext getClientContext() { return null; }
        @Override public int getRemainingTimeInMillis() { return 60_000; }
        @Override public int getMemoryLimitInMB() { return 1024; }
        @Override public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override public void log(String message) { System.out.println(message); }
                @Override public void log(byte[] message) { System.out.println(new String(message, StandardCharsets.UTF_8)); }
            };
        }
    };
}
