package io.callscheduler.localcloud;

import io.callscheduler.emulators.LambdaEmulator;
import io.callscheduler.emulators.SqsEmulator;
import io.callscheduler.emulators.mappings.DynamoDbStreamEventSourceMapping;
import io.callscheduler.emulators.mappings.SqsEventSourceMapping;
import io.callscheduler.localcloud.template.SamTemplate;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * The template's event source mappings, run as Lambda runs them: each {@code Type: DynamoDB} event reads its
 * table's stream in DynamoDB Local (positions kept under the data directory, so a restart resumes where the last
 * run finished), each {@code Type: SQS} event polls its queue in the SQS emulator.
 */
final class EventSourceMappings {
    private EventSourceMappings() {
    }

    /**
     * Starts every mapping of the template, each pushed onto {@code resources} so that it stops before the
     * services it reads from.
     *
     * @param checkpoints where the stream mappings keep their positions
     */
    static void start(SamTemplate template, LambdaEmulator lambda, SqsEmulator sqs, URI dynamoDbLocal, Path checkpoints,
                      Deque<AutoCloseable> resources, Consumer<String> step) {
        var streamEvents = template.streamEvents();
        if (!streamEvents.isEmpty()) {
            DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder().endpointOverride(dynamoDbLocal)
                    .region(Region.of(LocalCloud.REGION))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                    .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
            resources.push(streams);
            for (SamTemplate.StreamEvent event : streamEvents) {
                resources.push(DynamoDbStreamEventSourceMapping.start(new DynamoDbStreamEventSourceMapping.Settings(
                                event.functionName(), event.tableName(),
                                DynamoDbStreamEventSourceMapping.StartingPosition.valueOf(event.startingPosition()),
                                event.batchSize(), Duration.ofSeconds(event.maximumBatchingWindowSeconds()),
                                event.reportBatchItemFailures(), event.maximumRetryAttempts(),
                                event.bisectBatchOnFunctionError(), event.onFailureQueueArn()),
                        streams, lambda, sqs, LocalCloud.REGION,
                        checkpoints.resolve(event.functionName() + "-" + event.eventId() + ".json")));
                step.accept("Stream of " + event.tableName() + " -> " + event.functionName() + " (" + event.eventId() + ")");
            }
        }
        for (SamTemplate.QueueEvent event : template.queueEvents()) {
            resources.push(SqsEventSourceMapping.start(new SqsEventSourceMapping.Settings(event.functionName(),
                    event.queueName(), event.batchSize(), Duration.ofSeconds(event.maximumBatchingWindowSeconds()),
                    event.reportBatchItemFailures()), sqs, lambda, LocalCloud.REGION));
            step.accept("Queue " + event.queueName() + " -> " + event.functionName() + " (" + event.eventId() + ")");
        }
    }
}
