package io.callscheduler.emulators.usage;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.Map;

/**
 * Counts every request DynamoDB Local serves, whoever sends it (the functions reach it directly, the AWS CLI
 * through the shared endpoint), by its {@code X-Amz-Target} operation, and adds its request units to
 * {@link DynamoDbUsage}. Single-item writes are counted from the header alone; only reads (for their
 * consistency) and batches and transactions (for their items) have their body read here, then replayed to
 * DynamoDB Local unchanged.
 */
public final class DynamoDbMeter extends Handler.Wrapper {
    private static final String TARGET_PREFIX = "DynamoDB_20120810.";
    private static final JsonFactory JSON = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper(JSON);

    private final AwsUsage usage;

    public DynamoDbMeter(Handler wrapped, AwsUsage usage) {
        super(wrapped);
        this.usage = usage;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String target = request.getHeaders().get("X-Amz-Target");
        if (target == null || !target.startsWith(TARGET_PREFIX)) {
            return super.handle(request, response, callback);
        }
        String operation = target.substring(TARGET_PREFIX.length());
        usage.request("dynamodb", operation);
        DynamoDbUsage units = usage.dynamoDb();
        switch (operation) {
            case "PutItem", "UpdateItem", "DeleteItem" -> units.itemWrites(1);
            case "GetItem", "Query", "Scan", "TransactWriteItems", "TransactGetItems", "BatchWriteItem", "BatchGetItem" -> {
                ByteBuffer body = Content.Source.asByteBuffer(request);
                countBody(operation, body.duplicate(), units);
                return super.handle(new Replayed(request, body), response, callback);
            }
            default -> {
                // control-plane operations (CreateTable, DescribeTable...) are not billed per request
            }
        }
        return super.handle(request, response, callback);
    }

    private static void countBody(String operation, ByteBuffer body, DynamoDbUsage units) throws IOException {
        byte[] bytes = new byte[body.remaining()];
        body.get(bytes);
        switch (operation) {
            case "GetItem", "Query", "Scan" -> units.read(consistentRead(bytes));
            case "TransactWriteItems" -> units.transactionItemWrites(MAPPER.readTree(bytes).path("TransactItems").size());
            case "TransactGetItems" -> units.transactionItemReads(MAPPER.readTree(bytes).path("TransactItems").size());
            case "BatchWriteItem" -> {
                long items = 0;
                for (JsonNode writes : MAPPER.readTree(bytes).path("RequestItems")) {
                    items += writes.size();
                }
                units.itemWrites(items);
            }
            case "BatchGetItem" -> {
                for (Iterator<Map.Entry<String, JsonNode>> tables = MAPPER.readTree(bytes).path("RequestItems").fields(); tables.hasNext(); ) {
                    JsonNode table = tables.next().getValue();
                    boolean consistent = table.path("ConsistentRead").asBoolean(false);
                    for (int i = 0; i < table.path("Keys").size(); i++) {
                        units.read(consistent);
                    }
                }
            }
            default -> throw new IllegalArgumentException(operation);
        }
    }

    /** The request's top-level {@code ConsistentRead}, found without building a tree (reads are the hot path). */
    private static boolean consistentRead(byte[] body) throws IOException {
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("ConsistentRead".equals(field)) {
                    return value == JsonToken.VALUE_TRUE;
                }
                parser.skipChildren();
            }
            return false;
        }
    }

    /** The request with its already-read body served again, whole, to the handler behind. */
    private static final class Replayed extends Request.Wrapper {
        private Content.Chunk next;

        Replayed(Request request, ByteBuffer body) {
            super(request);
            this.next = Content.Chunk.from(body, true);
        }

        @Override
        public synchronized Content.Chunk read() {
            Content.Chunk chunk = next;
            next = Content.Chunk.EOF;
            return chunk;
        }

        @Override
        public void demand(Runnable demandCallback) {
            demandCallback.run(); // the body is all here: there is always something to read
        }
    }
}
