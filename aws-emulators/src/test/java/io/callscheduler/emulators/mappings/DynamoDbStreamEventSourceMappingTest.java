package io.callscheduler.emulators.mappings;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.callscheduler.emulators.DynamoDbLocalForTests;
import io.callscheduler.emulators.HttpJson;
import io.callscheduler.emulators.LambdaEmulator;
import io.callscheduler.emulators.SqsEmulator;
import io.callscheduler.emulators.mappings.DynamoDbStreamEventSourceMapping.Settings;
import io.callscheduler.emulators.mappings.DynamoDbStreamEventSourceMapping.StartingPosition;
import io.callscheduler.emulators.usage.AwsUsage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The DynamoDB Streams mapping against DynamoDB Local's real stream, with a toy function. */
class DynamoDbStreamEventSourceMappingTest {
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static DynamoDbLocalForTests local;
    private static DynamoDbClient dynamoDb;
    private static DynamoDbStreamsClient streams;

    @TempDir
    Path data;
    private final LambdaEmulator lambda = new LambdaEmulator("us-east-1", "000000000000", Duration.ofMillis(10));
    private final SqsEmulator sqs = new SqsEmulator("us-east-1", "000000000000", "http://localhost:4566", null, Clock.systemUTC());
    private final List<DynamoDbStreamEventSourceMapping> mappings = new ArrayList<>();
    private String table;

    @BeforeAll
    static void startDynamoDbLocal() throws Exception {
        local = DynamoDbLocalForTests.start(new AwsUsage());
        dynamoDb = local.client();
        streams = DynamoDbStreamsClient.builder().endpointOverride(local.server().uri()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    @AfterAll
    static void stopDynamoDbLocal() throws Exception {
        streams.close();
        local.close();
    }

    @AfterEach
    void stopMappings() throws Exception {
        for (DynamoDbStreamEventSourceMapping mapping : mappings) {
            mapping.close();
        }
        lambda.close();
    }

    /** A fresh table with a NEW_AND_OLD_IMAGES stream, created as the local cloud creates the template's. */
    private void createTable() throws Exception {
        table = "streamed-" + TABLES.incrementAndGet();
        assertThat(local.server().createTable(table, HttpJson.MAPPER.readTree("""
                {"AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
                 "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
                 "StreamSpecification": {"StreamViewType": "NEW_AND_OLD_IMAGES"}}"""))).isTrue();
    }

    private DynamoDbStreamEventSourceMapping start(Settings settings, Path checkpoints) {
        DynamoDbStreamEventSourceMapping mapping = DynamoDbStreamEventSourceMapping.start(settings, streams, lambda, sqs,
                "us-east-1", checkpoints);
        mappings.add(mapping);
        return mapping;
    }

    private Settings settings(StartingPosition position, int batchSize, boolean reportFailures, int maxRetries,
                              boolean bisect) {
        return new Settings("toy", table, position, batchSize, Duration.ZERO, reportFailures, maxRetries, bisect,
                sqs.queueArn("stream-failures"));
    }

    private void put(String id, int n) {
        dynamoDb.putItem(r -> r.tableName(table).item(Map.of("id", AttributeValue.fromS(id), "n", AttributeValue.fromN(Integer.toString(n)))));
    }

    /** A function that fails every batch holding the record "poison". */
    private ToyFunction<DynamodbEvent> failingOnPoison() {
        return ToyFunction.registered(lambda, "toy", DynamodbEvent.class, (event, n) -> {
            if (ids(List.of(event)).contains("poison")) {
                throw new IllegalStateException("cannot handle poison");
            }
            return null;
        });
    }

    private static List<String> ids(List<DynamodbEvent> events) {
        return events.stream().flatMap(e -> e.getRecords().stream()).map(r -> r.getDynamodb().getKeys().get("id").getS()).toList();
    }

    @Test
    void everyChangeArrivesInOrderAsLambdasDynamodbEvent() throws Exception {
        createTable();
        ToyFunction<DynamodbEvent> function = ToyFunction.registered(lambda, "toy", DynamodbEvent.class, (event, n) -> null);
        DynamoDbStreamEventSourceMapping mapping = start(settings(StartingPosition.TRIM_HORIZON, 10, false, -1, false), null);

        put("a", 1);
        put("a", 2);
        dynamoDb.deleteItem(r -> r.tableName(table).key(Map.of("id", AttributeValue.fromS("a"))));
        for (int i = 0; i < 20; i++) {
            put("k" + i, i);
        }

        await().atMost(Duration.ofSeconds(15)).until(() -> ids(function.events).size() == 23);
        List<DynamodbEvent.DynamodbStreamRecord> records = function.events.stream().flatMap(e -> e.getRecords().stream()).toList();
        assertThat(function.events).allSatisfy(event -> assertThat(event.getRecords()).hasSizeLessThanOrEqualTo(10));
        assertThat(records).extracting(r -> new BigInteger(r.getDynamodb().getSequenceNumber())).isSorted();
        assertThat(ids(function.events).subList(3, 23)).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, 20).mapToObj(i -> "k" + i).toList());
        assertThat(records.subList(0, 3)).extracting(r -> r.getEventName()).containsExactly("INSERT", "MODIFY", "REMOVE");
        DynamodbEvent.DynamodbStreamRecord modify = records.get(1);
        assertThat(modify.getDynamodb().getOldImage().get("n").getN()).isEqualTo("1");
        assertThat(modify.getDynamodb().getNewImage().get("n").getN()).isEqualTo("2");
        assertThat(records.get(2).getDynamodb().getNewImage()).isNull();
        assertThat(records.get(2).getDynamodb().getOldImage().get("n").getN()).isEqualTo("2");
        assertThat(records).allSatisfy(r -> {
            assertThat(r.getEventSource()).isEqualTo("aws:dynamodb");
            assertThat(r.getEventSourceARN()).isEqualTo(mapping.streamArn()).contains("table/" + table + "/stream/");
            assertThat(r.getEventID()).isNotBlank();
            assertThat(r.getDynamodb().getStreamViewType()).isEqualTo("NEW_AND_OLD_IMAGES");
        });
    }

    @Test
    void aReportedItemFailureIsRetriedFromThatRecordWithoutRedeliveringThoseBefore() throws Exception {
        createTable();
        for (int i = 0; i < 6; i++) {
            put("k" + i, i);
        }
        ToyFunction<DynamodbEvent> function = ToyFunction.registered(lambda, "toy", DynamodbEvent.class, (event, n) -> {
            if (n > 1) {
                return "{\"batchItemFailures\": []}";
            }
            String failed = event.getRecords().get(3).getDynamodb().getSequenceNumber(); // k3, and k4 after it
            String alsoFailed = event.getRecords().get(4).getDynamodb().getSequenceNumber();
            return "{\"batchItemFailures\": [{\"itemIdentifier\": \"" + alsoFailed + "\"}, {\"itemIdentifier\": \"" + failed + "\"}]}";
        });
        start(settings(StartingPosition.TRIM_HORIZON, 10, true, -1, false), null);

        await().atMost(Duration.ofSeconds(15)).until(() -> function.events.size() >= 2);
        assertThat(ids(function.events.subList(0, 1))).containsExactly("k0", "k1", "k2", "k3", "k4", "k5");
        assertThat(ids(function.events.subList(1, 2))).as("resumed at the first failed record").containsExactly("k3", "k4", "k5");
        put("sentinel", 0);
        await().atMost(Duration.ofSeconds(15)).until(() -> ids(function.events).contains("sentinel"));
        assertThat(ids(function.events)).containsExactly("k0", "k1", "k2", "k3", "k4", "k5", "k3", "k4", "k5", "sentinel");
    }

    @Test
    void aBatchThatExhaustsItsRetriesGoesToTheOnFailureQueueAndTheShardMovesOn() throws Exception {
        createTable();
        sqs.createQueue("stream-failures");
        put("a", 1);
        put("poison", 2);
        put("b", 3);
        ToyFunction<DynamodbEvent> function = failingOnPoison();
        DynamoDbStreamEventSourceMapping mapping = start(settings(StartingPosition.TRIM_HORIZON, 1, false, 2, false), null);

        await().atMost(Duration.ofSeconds(15)).until(() -> ids(function.events).contains("b"));
        assertThat(ids(function.events)).containsExactly("a", "poison", "poison", "poison", "b");
        List<SqsEmulator.Received> failures = sqs.receive("stream-failures", 10, null, 0);
        assertThat(failures).hasSize(1);
        JsonNode failure = HttpJson.MAPPER.readTree(failures.get(0).body());
        String poisonSequence = function.events.get(1).getRecords().get(0).getDynamodb().getSequenceNumber();
        assertThat(failure.path("requestContext").path("condition").asText()).isEqualTo("RetryAttemptsExhausted");
        assertThat(failure.path("requestContext").path("approximateInvokeCount").asInt()).isEqualTo(3);
        assertThat(failure.path("requestContext").path("functionArn").asText()).isEqualTo(lambda.arnOf("toy"));
        JsonNode batch = failure.path("DDBStreamBatchInfo");
        assertThat(batch.path("startSequenceNumber").asText()).isEqualTo(poisonSequence);
        assertThat(batch.path("endSequenceNumber").asText()).isEqualTo(poisonSequence);
        assertThat(batch.path("batchSize").asInt()).isEqualTo(1);
        assertThat(batch.path("streamArn").asText()).isEqualTo(mapping.streamArn());
        assertThat(batch.path("shardId").asText()).startsWith("shardId-");
    }

    @Test
    void aBatchWhoseOnFailureSendFailsIsReadAgainNotSkipped() throws Exception {
        createTable(); // and no "stream-failures" queue yet: sending the given-up batch there fails
        put("a", 1);
        put("poison", 2);
        put("b", 3);
        ToyFunction<DynamodbEvent> function = failingOnPoison();
        start(settings(StartingPosition.TRIM_HORIZON, 1, false, 0, false), null);

        await().atMost(Duration.ofSeconds(15)).until(() -> ids(function.events).stream().filter("poison"::equals).count() >= 2);
        assertThat(ids(function.events)).as("the shard holds at the batch it could not hand over").doesNotContain("b");
        sqs.createQueue("stream-failures");

        await().atMost(Duration.ofSeconds(15)).until(() -> ids(function.events).contains("b"));
        List<SqsEmulator.Received> failures = sqs.receive("stream-failures", 10, null, 0);
        assertThat(failures).hasSize(1);
        assertThat(HttpJson.MAPPER.readTree(failures.get(0).body()).path("DDBStreamBatchInfo").path("batchSize").asInt())
                .isEqualTo(1);
    }

    @Test
    void bisectingAFailedBatchNarrowsTheFailureToTheRecordThatCausesIt() throws Exception {
        createTable();
        sqs.createQueue("stream-failures");
        for (String id : List.of("a", "b", "c", "poison")) {
            put(id, 1);
        }
        ToyFunction<DynamodbEvent> function = failingOnPoison();
        start(settings(StartingPosition.TRIM_HORIZON, 4, false, 0, true), null);

        await().atMost(Duration.ofSeconds(15)).until(() -> sqs.size("stream-failures") == 1);
        List<List<String>> batches = function.events.stream().map(e -> ids(List.of(e))).toList();
        assertThat(batches).containsExactly(List.of("a", "b", "c", "poison"), List.of("a", "b"), List.of("c", "poison"),
                List.of("c"), List.of("poison"));
        JsonNode batch = HttpJson.MAPPER.readTree(sqs.receive("stream-failures", 1, null, 0).get(0).body()).path("DDBStreamBatchInfo");
        assertThat(batch.path("batchSize").asInt()).as("only the poison record is given up").isEqualTo(1);
    }

    @Test
    void aRestartResumesAfterTheLastBatchDoneWithoutReplayingOrLosingRecords() throws Exception {
        createTable();
        Path checkpoints = data.resolve("checkpoints.json");
        ToyFunction<DynamodbEvent> function = ToyFunction.registered(lambda, "toy", DynamodbEvent.class, (event, n) -> null);
        DynamoDbStreamEventSourceMapping first = start(settings(StartingPosition.TRIM_HORIZON, 10, false, -1, false), checkpoints);
        put("before-1", 1);
        put("before-2", 2);
        await().atMost(Duration.ofSeconds(15)).until(() -> ids(function.events).size() == 2);
        first.close();

        put("while-stopped", 3); // written while the local cloud is down
        function.events.clear();
        start(settings(StartingPosition.TRIM_HORIZON, 10, false, -1, false), checkpoints);
        put("after", 4);

        await().atMost(Duration.ofSeconds(15)).until(() -> ids(function.events).contains("after"));
        assertThat(ids(function.events)).containsExactly("while-stopped", "after");
    }

    @Test
    void latestStartsAfterWhatIsThereAndARestartBeforeTheFirstRecordLosesNothing() throws Exception {
        createTable();
        Path checkpoints = data.resolve("checkpoints.json");
        put("old", 1);
        ToyFunction<DynamodbEvent> function = ToyFunction.registered(lambda, "toy", DynamodbEvent.class, (event, n) -> null);
        start(settings(StartingPosition.LATEST, 10, false, -1, false), checkpoints).close();

        put("written-before-restart", 2);
        start(settings(StartingPosition.LATEST, 10, false, -1, false), checkpoints);
        put("new", 3);

        await().atMost(Duration.ofSeconds(15)).until(() -> ids(function.events).contains("new"));
        assertThat(ids(function.events)).containsExactly("written-before-restart", "new");
    }
}
