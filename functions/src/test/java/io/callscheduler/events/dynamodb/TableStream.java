package io.callscheduler.events.dynamodb;

import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import io.callscheduler.testing.LocalAws;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A test table's DynamoDB stream on DynamoDB Local (NEW_AND_OLD_IMAGES, as the template will give CallsTable), read
 * from its start and handed over in the Lambda event library's types, as the fan-out function will receive them.
 */
public final class TableStream implements AutoCloseable {
    private final String streamArn;
    private final DynamoDbStreamsClient streams;

    public TableStream(LocalAws aws, String table) {
        // Test tables are made without the template's stream (LocalAws.newCallsTable says why): open it, before the writes.
        String existing = aws.dynamoDb().describeTable(r -> r.tableName(table)).table().latestStreamArn();
        streamArn = existing != null ? existing : aws.dynamoDb().updateTable(r -> r.tableName(table).streamSpecification(
                s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES))).tableDescription().latestStreamArn();
        streams = DynamoDbStreamsClient.builder().endpointOverride(aws.dynamoDbLocal.uri()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** Every record so far, in the order of their sequence numbers. */
    public List<StreamRecord> records() {
        List<Record> all = new ArrayList<>();
        for (var shard : streams.describeStream(r -> r.streamArn(streamArn)).streamDescription().shards()) {
            String iterator = streams.getShardIterator(r -> r.streamArn(streamArn).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (iterator != null) {
                String from = iterator;
                var page = streams.getRecords(r -> r.shardIterator(from));
                if (page.records().isEmpty()) {
                    break; // an open shard always has a next iterator: stop at its end so far
                }
                all.addAll(page.records());
                iterator = page.nextShardIterator();
            }
        }
        all.sort(Comparator.comparing(r -> new BigInteger(r.dynamodb().sequenceNumber())));
        return all.stream().map(TableStream::lambda).toList();
    }

    private static StreamRecord lambda(Record record) {
        var dynamodb = record.dynamodb();
        return new StreamRecord().withKeys(lambda(dynamodb.keys()))
                .withNewImage(dynamodb.hasNewImage() ? lambda(dynamodb.newImage()) : null)
                .withOldImage(dynamodb.hasOldImage() ? lambda(dynamodb.oldImage()) : null)
                .withApproximateCreationDateTime(Date.from(dynamodb.approximateCreationDateTime()))
                .withSequenceNumber(dynamodb.sequenceNumber());
    }

    static Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> lambda(
            Map<String, AttributeValue> item) {
        Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image = new LinkedHashMap<>();
        item.forEach((name, value) -> image.put(name, lambda(value)));
        return image;
    }

    private static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue lambda(AttributeValue value) {
        var out = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
        switch (value.type()) {
            case S -> out.setS(value.s());
            case N -> out.setN(value.n());
            case B -> out.setB(ByteBuffer.wrap(value.b().asByteArray()));
            case BOOL -> out.setBOOL(value.bool());
            case NUL -> out.setNULL(value.nul());
            case M -> out.setM(lambda(value.m()));
            case L -> out.setL(value.l().stream().map(TableStream::lambda).toList());
            case SS -> out.setSS(value.ss());
            case NS -> out.setNS(value.ns());
            case BS -> out.setBS(value.bs().stream().map(b -> ByteBuffer.wrap(b.asByteArray())).toList());
            default -> throw new IllegalArgumentException("unknown type of " + value);
        }
        return out;
    }

    @Override
    public void close() {
        streams.close();
    }
}
