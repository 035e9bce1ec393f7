package io.callscheduler.emulators;

import io.callscheduler.emulators.usage.AwsUsage;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** DynamoDB Local in memory, metered into {@code usage}, with the real SDK's client on it: for the emulators' tests. */
public record DynamoDbLocalForTests(DynamoDbLocalServer server, DynamoDbClient client) implements AutoCloseable {
    public static DynamoDbLocalForTests start(AwsUsage usage) throws Exception {
        DynamoDbLocalServer server = DynamoDbLocalServer.start(DynamoDbLocalServer.LOOPBACK, DynamoDbLocalServer.freePort(), null, usage);
        DynamoDbClient client = DynamoDbClient.builder().endpointOverride(server.uri()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        return new DynamoDbLocalForTests(server, client);
    }

    @Override
    public void close() throws Exception {
        client.close();
        server.close();
    }
}
