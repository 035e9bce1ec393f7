package io.callscheduler.emulators.mappings;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callscheduler.emulators.HttpJson;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

import java.util.Base64;
import java.util.Map;

/**
 * A DynamoDB Streams record as Lambda puts it in a {@code DynamodbEvent}: {@code eventID}, {@code eventName},
 * {@code dynamodb} with {@code Keys}, {@code NewImage}, {@code OldImage} in DynamoDB's attribute-value JSON,
 * {@code SequenceNumber}, and the stream's ARN as {@code eventSourceARN}.
 */
final class StreamRecordJson {
    private StreamRecordJson() {
    }

    static ObjectNode of(Record record, String streamArn, String region) {
        ObjectNode json = HttpJson.MAPPER.createObjectNode();
        json.put("eventID", record.eventID());
        json.put("eventName", record.eventNameAsString());
        json.put("eventVersion", record.eventVersion());
        json.put("eventSource", "aws:dynamodb");
        json.put("awsRegion", region);
        StreamRecord change = record.dynamodb();
        ObjectNode dynamodb = json.putObject("dynamodb");
        if (change.approximateCreationDateTime() != null) {
            dynamodb.put("ApproximateCreationDateTime", change.approximateCreationDateTime().getEpochSecond());
        }
        putImage(dynamodb, "Keys", change.keys(), change.hasKeys());
        putImage(dynamodb, "NewImage", change.newImage(), change.hasNewImage());
        putImage(dynamodb, "OldImage", change.oldImage(), change.hasOldImage());
        dynamodb.put("SequenceNumber", change.sequenceNumber());
        if (change.sizeBytes() != null) {
            dynamodb.put("SizeBytes", change.sizeBytes());
        }
        dynamodb.put("StreamViewType", change.streamViewTypeAsString());
        if (record.userIdentity() != null) { // a delete by Time to Live
            json.putObject("userIdentity").put("type", record.userIdentity().type())
                    .put("principalId", record.userIdentity().principalId());
        }
        json.put("eventSourceARN", streamArn);
        return json;
    }

    private static void putImage(ObjectNode parent, String field, Map<String, AttributeValue> image, boolean present) {
        if (present) {
            ObjectNode out = parent.putObject(field);
            image.forEach((name, value) -> out.set(name, attributeValue(value)));
        }
    }

    /** DynamoDB's own JSON of an attribute value: {@code {"S": "..."}}, {@code {"N": "1"}}, {@code {"M": {...}}}, ... */
    static ObjectNode attributeValue(AttributeValue value) {
        ObjectNode json = HttpJson.MAPPER.createObjectNode();
        switch (value.type()) {
            case S -> json.put("S", value.s());
            case N -> json.put("N", value.n());
            case B -> json.put("B", base64(value.b()));
            case BOOL -> json.put("BOOL", value.bool());
            case NUL -> json.put("NULL", true);
            case SS -> value.ss().forEach(json.putArray("SS")::add);
            case NS -> value.ns().forEach(json.putArray("NS")::add);
            case BS -> {
                ArrayNode set = json.putArray("BS");
                value.bs().forEach(bytes -> set.add(base64(bytes)));
            }
            case M -> {
                ObjectNode map = json.putObject("M");
                value.m().forEach((name, member) -> map.set(name, attributeValue(member)));
            }
            case L -> {
                ArrayNode list = json.putArray("L");
                value.l().forEach(member -> list.add(attributeValue(member)));
            }
            default -> throw new IllegalArgumentException("unknown attribute value type: " + value);
        }
        return json;
    }

    private static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArray());
    }
}
