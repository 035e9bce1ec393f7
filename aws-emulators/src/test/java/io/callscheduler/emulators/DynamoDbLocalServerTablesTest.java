package io.callscheduler.emulators;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.callscheduler.emulators.usage.AwsUsage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Tables from a template's properties, and a table kept from an earlier run given the indexes the template gained. */
class DynamoDbLocalServerTablesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static DynamoDbLocalForTests local;
    private static DynamoDbLocalServer server;
    private static DynamoDbClient dynamoDb;

    @BeforeAll
    static void start() throws Exception {
        local = DynamoDbLocalForTests.start(new AwsUsage());
        server = local.server();
        dynamoDb = local.client();
    }

    @AfterAll
    static void stop() throws Exception {
        local.close();
    }

    @Test
    void aTableFoundFromAnEarlierRunGetsTheIndexesTheTemplateAddedSince() throws Exception {
        assertThat(server.createTable("kept", JSON.readTree("""
                {"AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
                 "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}]}"""))).isTrue();
        dynamoDb.putItem(r -> r.tableName("kept").item(Map.of("id", AttributeValue.fromS("a"),
                "lane", AttributeValue.fromS("ENDED"), "at", AttributeValue.fromS("2"))));

        boolean created = server.createTable("kept", JSON.readTree("""
                {"AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"},
                                          {"AttributeName": "lane", "AttributeType": "S"},
                                          {"AttributeName": "at", "AttributeType": "S"}],
                 "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
                 "GlobalSecondaryIndexes": [{"IndexName": "byLane",
                     "KeySchema": [{"AttributeName": "lane", "KeyType": "HASH"}, {"AttributeName": "at", "KeyType": "RANGE"}],
                     "Projection": {"ProjectionType": "ALL"}}]}"""));

        assertThat(created).as("created").isFalse();
        assertThat(dynamoDb.describeTable(r -> r.tableName("kept")).table().globalSecondaryIndexes())
                .extracting(index -> index.indexName()).containsExactly("byLane");
        assertThat(dynamoDb.query(r -> r.tableName("kept").indexName("byLane").keyConditionExpression("lane = :l")
                .expressionAttributeValues(Map.of(":l", AttributeValue.fromS("ENDED")))).count())
                .as("the kept item, indexed").isEqualTo(1);
    }
    @Test
    void aTemplatesStreamSpecificationGivesTheTableItsStreamAlsoWhenTheTableWasKeptWithoutOne() throws Exception {
        String withStream = """
                {"AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
                 "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
                 "StreamSpecification": {"StreamViewType": "NEW_AND_OLD_IMAGES"}}""";
        assertThat(server.createTable("streamed", JSON.readTree(withStream))).isTrue();
        assertThat(server.createTable("kept-unstreamed", JSON.readTree("""
                {"AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
                 "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}]}"""))).isTrue();

        assertThat(server.createTable("kept-unstreamed", JSON.readTree(withStream))).as("created").isFalse();

        for (String table : java.util.List.of("streamed", "kept-unstreamed")) {
            var description = dynamoDb.describeTable(r -> r.tableName(table)).table();
            assertThat(description.streamSpecification().streamEnabled()).as(table).isTrue();
            assertThat(description.streamSpecification().streamViewTypeAsString()).isEqualTo("NEW_AND_OLD_IMAGES");
            assertThat(description.latestStreamArn()).contains("table/" + table + "/stream/");
        }
        String before = dynamoDb.describeTable(r -> r.tableName("streamed")).table().latestStreamArn();
        server.createTable("streamed", JSON.readTree(withStream)); // a restart keeps the stream, and its records
        assertThat(dynamoDb.describeTable(r -> r.tableName("streamed")).table().latestStreamArn()).isEqualTo(before);
    }
}
