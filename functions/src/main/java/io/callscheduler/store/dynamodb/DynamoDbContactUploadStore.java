package io.callscheduler.store.dynamodb;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.callscheduler.campaigns.contacts.Reject;
import io.callscheduler.campaigns.contacts.RejectCode;
import io.callscheduler.model.ContactUploadAnswer;
import io.callscheduler.model.ContactUploadRecord;
import io.callscheduler.store.ContactUploadStore;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * {@link ContactUploadStore} on the calls table: a campaign's numbers are its contact items (keys from
 * {@link CallsTable#contact}), read with BatchGetItem; an upload's answer is one item per campaign and key
 * ({@link CallsTable#campaignImport}), expiring through the table's TTL like the calls' idempotency records.
 */
public final class DynamoDbContactUploadStore implements ContactUploadStore {
    /** An item is at most 400 KB: rejects compressed beyond this are not kept (the counts are). */
    static final int MAX_KEPT_REJECTS_BYTES = 300_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbContactUploadStore(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    @Override
    public Set<String> numbersIn(String campaignId, Set<String> numbers) {
        Set<String> found = new HashSet<>();
        BatchReads.read(dynamoDb, tableName, numbers.stream().map(number -> key(CallsTable.contact(campaignId, number))).toList(),
                "phoneNumber", item -> found.add(item.get("phoneNumber").s()));
        return found;
    }

    @Override
    public Optional<ContactUploadRecord> findUpload(String campaignId, String key, Instant now) {
        GetItemResponse response = DynamoDbCallStore.call(() -> dynamoDb.getItem(r -> r.tableName(tableName)
                .key(key(CallsTable.campaignImport(campaignId, key))).consistentRead(true)));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(fromItem(campaignId, key, response.item())).filter(r -> r.isLiveAt(now)) : Optional.empty();
    }

    @Override
    public boolean saveUpload(ContactUploadRecord record, Instant now) {
        try {
            DynamoDbCallStore.call(() -> dynamoDb.putItem(r -> r.tableName(tableName).item(toItem(record))
                    .conditionExpression("attribute_not_exists(id) OR #e < :now")
                    .expressionAttributeNames(Map.of("#e", CallsTable.EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":now", AttributeValue.fromN(Long.toString(now.getEpochSecond()))))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    static Map<String, AttributeValue> toItem(ContactUploadRecord record) {
        ContactUploadAnswer answer = record.answer();
        byte[] rejects = gzip(rejectsJson(answer.rejects()));
        boolean omitted = answer.rejectsOmitted() || rejects.length > MAX_KEPT_REJECTS_BYTES;
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(CallsTable.ID, AttributeValue.fromS(CallsTable.campaignImport(record.campaignId(), record.key())));
        item.put("requestFingerprint", AttributeValue.fromS(record.requestFingerprint()));
        item.put(CallsTable.EXPIRES_AT, n(record.expiresAt().getEpochSecond()));
        item.put("dryRun", AttributeValue.fromBool(answer.dryRun()));
        item.put("rows", n(answer.rows()));
        item.put("accepted", n(answer.accepted()));
        item.put("rejected", n(answer.rejected()));
        item.put("duplicates", n(answer.duplicates()));
        item.put("suppressed", n(answer.suppressed()));
        item.put("imported", n(answer.imported()));
        item.put("rejectsOmitted", AttributeValue.fromBool(omitted));
        if (!omitted) {
            item.put("rejects", AttributeValue.fromB(SdkBytes.fromByteArray(rejects)));
        }
        return item;
    }

    static ContactUploadRecord fromItem(String campaignId, String key, Map<String, AttributeValue> item) {
        boolean omitted = Boolean.TRUE.equals(item.get("rejectsOmitted").bool());
        List<Reject> rejects = omitted ? List.of() : rejectsFromJson(gunzip(item.get("rejects").b().asByteArray()));
        ContactUploadAnswer answer = new ContactUploadAnswer(Boolean.TRUE.equals(item.get("dryRun").bool()),
                i(item, "rows"), i(item, "accepted"), i(item, "rejected"), i(item, "duplicates"), i(item, "suppressed"),
                i(item, "imported"), rejects, omitted);
        return new ContactUploadRecord(campaignId, key, item.get("requestFingerprint").s(), answer,
                Instant.ofEpochSecond(Long.parseLong(item.get(CallsTable.EXPIRES_AT).n())));
    }

    private static byte[] rejectsJson(List<Reject> rejects) {
        ArrayNode array = JSON.createArrayNode();
        for (Reject reject : rejects) {
            array.addObject().put("row", reject.row()).put("column", reject.column()).put("code", reject.code().name())
                    .put("message", reject.message());
        }
        try {
            return JSON.writeValueAsBytes(array);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Reject> rejectsFromJson(byte[] json) {
        List<Reject> rejects = new ArrayList<>();
        try {
            JSON.readTree(json).forEach(r -> rejects.add(new Reject(r.path("row").asLong(), r.path("column").asText(),
                    RejectCode.valueOf(r.path("code").asText()), r.path("message").asText())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rejects;
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: no I/O fails
        }
        return out.toByteArray();
    }

    private static byte[] gunzip(byte[] bytes) {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int i(Map<String, AttributeValue> item, String name) {
        return Integer.parseInt(item.get(name).n());
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of(CallsTable.ID, AttributeValue.fromS(id));
    }
}
