package io.callscheduler.localcloud;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.callscheduler.localcloud.testing.RunningCloud;
import io.callscheduler.testing.LocalAws;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The template's event source mappings in the running local cloud, with toy functions added to the real template:
 * a call written through the API reaches a stream-mapped function, which queues it, and a queue-mapped function
 * receives it; after a restart only what is new arrives.
 */
class EventSourceMappingsEndToEndTest {
    private static final String TOY_RESOURCES = """
              ToyQueue:
                Type: AWS::SQS::Queue
                Properties:
                  QueueName: !Sub ${AWS::StackName}-toy
              ToyFanOut:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: !Sub ${AWS::StackName}-toy-fan-out
                  Handler: io.callscheduler.localcloud.EventSourceMappingsEndToEndTest$ToyFanOut::handleRequest
                  Environment:
                    Variables:
                      TOY_QUEUE_URL: !Ref ToyQueue
                  Events:
                    Changes:
                      Type: DynamoDB
                      Properties:
                        Stream: !GetAtt CallsTable.StreamArn
                        StartingPosition: LATEST
                        FunctionResponseTypes: [ReportBatchItemFailures]
              ToyDelivery:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: !Sub ${AWS::StackName}-toy-delivery
                  Handler: io.callscheduler.localcloud.EventSourceMappingsEndToEndTest$ToyDelivery::handleRequest
                  Events:
                    Queued:
                      Type: SQS
                      Properties:
                        Queue: !GetAtt ToyQueue.Arn
                        FunctionResponseTypes: [ReportBatchItemFailures]
            """;
    /** Call id → when the delivery function received it; and every id it received, repeats included. */
    static final Map<String, Instant> DELIVERED_AT = new ConcurrentHashMap<>();
    static final List<String> DELIVERED = new CopyOnWriteArrayList<>();

    @TempDir
    Path data;
    @TempDir
    Path templateDir;

    /** Queues the id of each call the stream shows inserted. */
    public static final class ToyFanOut implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
        private final SqsClient sqs;
        private final String queueUrl;

        public ToyFanOut(Map<String, String> environment) {
            sqs = SqsClient.builder().endpointOverride(URI.create(environment.get("AWS_ENDPOINT_URL")))
                    .region(Region.of(environment.get("AWS_REGION")))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                            environment.get("AWS_ACCESS_KEY_ID"), environment.get("AWS_SECRET_ACCESS_KEY"))))
                    .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
            queueUrl = environment.get("TOY_QUEUE_URL");
        }

        @Override
        public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
            for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
                var id = record.getDynamodb().getKeys().get("id").getS();
                if ("INSERT".equals(record.getEventName()) && record.getDynamodb().getNewImage().containsKey("phoneNumber")) {
                    sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(id));
                }
            }
            return StreamsEventResponse.builder().withBatchItemFailures(List.of()).build();
        }
    }

    public static final class ToyDelivery implements RequestHandler<SQSEvent, Void> {
        public ToyDelivery(Map<String, String> environment) {
        }

        @Override
        public Void handleRequest(SQSEvent event, Context context) {
            event.getRecords().forEach(message -> {
                DELIVERED.add(message.getBody());
                DELIVERED_AT.putIfAbsent(message.getBody(), Instant.now());
            });
            return null;
        }
    }

    @Test
    void aCallWrittenThroughTheApiFlowsThroughBothMappingsAndARestartReplaysNothing() throws Exception {
        Path template = templateDir.resolve("template.yaml");
        String real = Files.readString(LocalAws.templatePath());
        Files.writeString(template, real.replaceFirst("\nResources:\n", "\nResources:\n" + TOY_RESOURCES.replace("$", "\\$")));
        Instant at = Instant.now().plus(Duration.ofDays(1));

        List<Long> latencies = new ArrayList<>();
        List<String> firstRun = new ArrayList<>();
        try (RunningCloud cloud = RunningCloud.startWith(data, options -> options.withTemplate(template))) {
            for (int i = 0; i < 20; i++) {
                String id = cloud.create("+1415558%04d".formatted(i), at).path("id").asText();
                Instant created = Instant.now();
                firstRun.add(id);
                await().atMost(Duration.ofSeconds(10)).until(() -> DELIVERED_AT.containsKey(id));
                latencies.add(Duration.between(created, DELIVERED_AT.get(id)).toMillis());
            }
        }
        List<Long> sorted = latencies.stream().sorted().toList();
        System.out.println("API write -> stream mapping -> SQS -> queue mapping, ms: p50 " + sorted.get(sorted.size() / 2)
                + ", max " + sorted.get(sorted.size() - 1));
        assertThat(sorted.get(sorted.size() - 1)).as("change to delivery, ms").isLessThan(1_000);

        try (RunningCloud restarted = RunningCloud.startWith(data, options -> options.withTemplate(template))) {
            String id = restarted.create("+14155589999", at).path("id").asText();
            await().atMost(Duration.ofSeconds(10)).until(() -> DELIVERED_AT.containsKey(id));
        }
        assertThat(DELIVERED).as("each call once, none replayed after the restart").doesNotHaveDuplicates().hasSize(21)
                .containsAll(firstRun);
    }
}
