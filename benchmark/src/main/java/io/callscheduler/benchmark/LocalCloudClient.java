package io.callscheduler.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.lambda.LambdaClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.function.IntConsumer;

/**
 * The running local cloud as the benchmark talks to it: its API and simulator over HTTP, DynamoDB Local
 * directly (the write ceiling) and through the AWS endpoint, and the Lambda endpoint.
 */
final class LocalCloudClient {
    static final ObjectMapper JSON = new ObjectMapper();
    final CloudProcess cloud;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(64, Load.daemonThreads())).build();
    /** DynamoDB Local itself, on its own port. */
    final DynamoDbClient dynamoDb;
    /** The same DynamoDB Local through the local AWS endpoint on :4566, as the AWS CLI reaches it. */
    final DynamoDbClient dynamoDbThroughEndpoint;
    final LambdaClient lambda;

    LocalCloudClient(CloudProcess cloud) {
        this.cloud = cloud;
        dynamoDb = dynamoDb(cloud.dynamoDb);
        dynamoDbThroughEndpoint = dynamoDb(cloud.aws);
        lambda = LambdaClient.builder().endpointOverride(cloud.aws).region(Region.US_EAST_1).credentialsProvider(credentials())
                .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofMinutes(2))).build();
    }

    private static DynamoDbClient dynamoDb(URI endpoint) {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials()).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    /** Counts the numbers handed out, so that no number is called often enough to meet MaxCallsPerNumberPerDay. */
    private final java.util.concurrent.atomic.AtomicLong numbers = new java.util.concurrent.atomic.AtomicLong();

    /**
     * A number no other call of this run went to: +1 415 and an exchange from 200 to 899, which the default
     * AllowedNumberTypes admits (an exchange below 200 is in no plan, 976 is read as premium rate).
     */
    String nextNumber() {
        return "+1415" + (2_000_000 + numbers.getAndIncrement() % 7_000_000);
    }

    JsonNode createCall(String phoneNumber, Instant at) {
        String body = "{\"phoneNumber\":\"" + phoneNumber + "\"" + (at == null ? "" : ",\"scheduledAt\":\"" + at + "\"") + "}";
        return send("POST", cloud.api.resolve("/calls"), body, 201);
    }

    Map<String, JsonNode> dialsByCall() {
        Map<String, JsonNode> dials = new HashMap<>();
        send("GET", cloud.callApi.resolve("/_sim/dials"), null, 200).path("calls").fields()
                .forEachRemaining(e -> dials.put(e.getKey(), e.getValue()));
        return dials;
    }

    void configureSimulator(String settings) {
        send("PUT", cloud.callApi.resolve("/_sim/config"), settings, 200);
    }

    JsonNode send(String method, URI uri, String body, int expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (cloud.apiKey != null && uri.getAuthority().equals(cloud.api.getAuthority())) {
            request.header("x-api-key", cloud.apiKey);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(method + " " + uri + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Ends the active calls of an earlier phase, so each sync measures only its own N. */
    void drainActiveCalls() throws Exception {
        configureSimulator("{\"latencyMs\":0,\"talkMs\":0,\"answerAfterMs\":0,\"ringAfterMs\":0}");
        for (int i = 0; i < 5; i++) {
            JsonNode report = JSON.readTree(lambda.invoke(r -> r.functionName("call-scheduler-status-sync")
                    .payload(SdkBytes.fromUtf8String("{}"))).payload().asUtf8String());
            if (report.path("changed").asInt() == 0) {
                return;
            }
        }
    }

    static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    }

    /** One PutItem of about a call item's size, outside the application's key space. */
    static IntConsumer putItem(DynamoDbClient dynamoDb) {
        return i -> dynamoDb.putItem(r -> r.tableName("call-scheduler-CallsTable")
                .item(Map.of("id", AttributeValue.fromS("bench-" + UUID.randomUUID()), "payload", AttributeValue.fromS("x".repeat(600)))));
    }
}
