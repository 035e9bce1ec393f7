package io.callscheduler.emulators.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callscheduler.emulators.DynamoDbLocalForTests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** DynamoDB Local's requests counted in billed request units, sent by the real SDK, with the replies unchanged. */
class DynamoDbMeterTest {
    private static final String TABLE = "metered";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AwsUsage usage = new AwsUsage();
    private static DynamoDbLocalForTests local;
    private static DynamoDbClient dynamoDb;

    @BeforeAll
    static void start() throws Exception {
        local = DynamoDbLocalForTests.start(usage);
        local.server().createTable(TABLE, JSON.readTree("""
                {"AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
                 "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}]}"""));
        dynamoDb = local.client();
    }

    @AfterAll
    static void stop() throws Exception {
        local.close();
    }

    @Test
    void eachOperationAddsTheUnitsAwsBills() {
        JsonNode before = JSON.valueToTree(usage.snapshot());
        dynamoDb.putItem(r -> r.tableName(TABLE).item(item("a")));
        dynamoDb.updateItem(r -> r.tableName(TABLE).key(item("a")).updateExpression("SET n = :n")
                .expressionAttributeValues(Map.of(":n", AttributeValue.fromN("1"))));
        dynamoDb.transactWriteItems(r -> r.transactItems(put("b"), put("c"), put("d")));
        dynamoDb.batchWriteItem(r -> r.requestItems(Map.of(TABLE, List.of(
                WriteRequest.builder().putRequest(PutRequest.builder().item(item("e")).build()).build(),
                WriteRequest.builder().putRequest(PutRequest.builder().item(item("f")).build()).build()))));
        // Read bodies are read by the meter, then replayed: DynamoDB Local must still see them whole.
        assertThat(dynamoDb.getItem(r -> r.tableName(TABLE).key(item("a")).consistentRead(true)).item())
                .containsEntry("n", AttributeValue.fromN("1"));
        assertThat(dynamoDb.getItem(r -> r.tableName(TABLE).key(item("b"))).hasItem()).isTrue();
        assertThat(dynamoDb.scan(r -> r.tableName(TABLE)).count()).isEqualTo(6);
        dynamoDb.deleteItem(r -> r.tableName(TABLE).key(item("f")));

        JsonNode after = JSON.valueToTree(usage.snapshot());
        JsonNode requests = after.path("requests").path("dynamodb");
        assertThat(requests.path("TransactWriteItems").asLong()).isEqualTo(1);
        assertThat(requests.path("GetItem").asLong()).isEqualTo(2);
        JsonNode units = after.path("dynamodb");
        assertThat(units.path("itemWrites").asLong() - before.path("dynamodb").path("itemWrites").asLong())
                .as("put, update, two batched, delete").isEqualTo(5);
        assertThat(units.path("transactionItemWrites").asLong()).isEqualTo(3);
        assertThat(units.path("writeRequestUnits").asLong()).as("5 + 3 x 2").isEqualTo(11);
        assertThat(units.path("stronglyConsistentReads").asLong()).isEqualTo(1);
        assertThat(units.path("eventuallyConsistentReads").asLong()).as("a GetItem and a Scan").isEqualTo(2);
        assertThat(units.path("readRequestUnits").asDouble()).isEqualTo(2.0);
        assertThat(requests.has("CreateTable")).as("control plane, not billed per request, still listed").isTrue();
    }

    private static Map<String, AttributeValue> item(String id) {
        return Map.of("id", AttributeValue.fromS(id));
    }

    private static TransactWriteItem put(String id) {
        return TransactWriteItem.builder().put(p -> p.tableName(TABLE).item(item(id))).build();
    }
}
