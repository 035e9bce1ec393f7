package io.callscheduler.store.dynamodb;

import io.callscheduler.campaigns.contacts.Reject;
import io.callscheduler.campaigns.contacts.RejectCode;
import io.callscheduler.model.ContactUploadAnswer;
import io.callscheduler.model.ContactUploadRecord;
import io.callscheduler.testing.LocalAws;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The batched read of a campaign's numbers and the uploads' answers, on DynamoDB Local. */
class DynamoDbContactUploadStoreTest {
    private static final LocalAws aws = LocalAws.get();
    private final String table = aws.newCallsTable();
    private final String campaign = "5f0c1a7e-0000-4000-8000-000000000001";

    private void contact(String number) {
        aws.dynamoDb().putItem(r -> r.tableName(table).item(Map.of(CallsTable.ID,
                AttributeValue.fromS(CallsTable.contact(campaign, number)), "phoneNumber", AttributeValue.fromS(number))));
    }

    @Test
    void numbersInReadsEveryChunkOfAHundredAndRetriesTheKeysDynamoDbLeftUnprocessed() {
        Set<String> asked = new HashSet<>();
        Set<String> present = new HashSet<>();
        for (int i = 0; i < 250; i++) {
            String number = "+1415555%04d".formatted(i);
            asked.add(number);
            if (i % 3 == 0) {
                contact(number);
                present.add(number);
            }
        }
        AtomicInteger requests = new AtomicInteger();
        // DynamoDB Local never throttles: this client answers every first request with half its keys unprocessed.
        DynamoDbClient throttling = new DynamoDbClient() {
            @Override
            public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
                KeysAndAttributes keys = request.requestItems().get(table);
                assertThat(keys.keys()).hasSizeLessThanOrEqualTo(BatchReads.MAX_KEYS);
                if (requests.incrementAndGet() % 2 == 0 || keys.keys().size() < 2) {
                    return aws.dynamoDb().batchGetItem(request);
                }
                int half = keys.keys().size() / 2;
                BatchGetItemResponse served = aws.dynamoDb().batchGetItem(request.toBuilder().requestItems(Map.of(table,
                        keys.toBuilder().keys(keys.keys().subList(0, half)).build())).build());
                return served.toBuilder().unprocessedKeys(Map.of(table, keys.toBuilder()
                        .keys(keys.keys().subList(half, keys.keys().size())).build())).build();
            }

            @Override
            public String serviceName() {
                return "dynamodb";
            }

            @Override
            public void close() {
            }
        };

        assertThat(new DynamoDbContactUploadStore(throttling, table).numbersIn(campaign, asked)).isEqualTo(present);
        assertThat(requests.get()).as("3 chunks, each asked twice").isEqualTo(6);
        assertThat(new DynamoDbContactUploadStore(aws.dynamoDb(), table)
                .numbersIn("5f0c1a7e-0000-4000-8000-000000000002", asked)).as("another campaign's").isEmpty();
    }

    @Test
    void anAnswerIsKeptPerCampaignAndKeyUntilItExpiresAndAKeyHeldIsNotOverwritten() {
        DynamoDbContactUploadStore store = new DynamoDbContactUploadStore(aws.dynamoDb(), table);
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        ContactUploadAnswer answer = new ContactUploadAnswer(false, 3, 2, 1, 0, 0, 2,
                List.of(new Reject(3, "phoneNumber", RejectCode.INVALID_NUMBER, "phoneNumber '12' is too short")), false);
        ContactUploadRecord record = new ContactUploadRecord(campaign, "k1", "f1", answer, now.plus(Duration.ofDays(1)));

        assertThat(store.saveUpload(record, now)).isTrue();
        assertThat(store.findUpload(campaign, "k1", now)).contains(record);
        assertThat(store.findUpload("5f0c1a7e-0000-4000-8000-000000000002", "k1", now)).isEmpty();
        assertThat(store.saveUpload(new ContactUploadRecord(campaign, "k1", "f2", answer, now.plus(Duration.ofDays(1))),
                now.plusSeconds(60))).isFalse();
        assertThat(store.findUpload(campaign, "k1", now.plus(Duration.ofDays(2)))).as("expired").isEmpty();
        assertThat(store.saveUpload(new ContactUploadRecord(campaign, "k1", "f2", answer, now.plus(Duration.ofDays(3))),
                now.plus(Duration.ofDays(2)))).as("an expired record's key is free again").isTrue();
    }

    @Test
    void rejectsTooManyToKeepAreLeftOutAndSaidSo() {
        List<Reject> rejects = new ArrayList<>();
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 20_000; i++) { // messages that do not compress: past the item's 400 KB
            rejects.add(new Reject(i + 2, "notes", RejectCode.TOO_LONG, Long.toHexString(random.nextLong())
                    + Long.toHexString(random.nextLong())));
        }
        ContactUploadAnswer answer = new ContactUploadAnswer(false, 20_000, 0, 20_000, 0, 0, 0, rejects, false);
        DynamoDbContactUploadStore store = new DynamoDbContactUploadStore(aws.dynamoDb(), table);
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        assertThat(store.saveUpload(new ContactUploadRecord(campaign, "big", "f", answer, now.plusSeconds(60)), now)).isTrue();
        ContactUploadAnswer kept = store.findUpload(campaign, "big", now).orElseThrow().answer();
        assertThat(kept.rejectsOmitted()).isTrue();
        assertThat(kept.rejects()).isEmpty();
        assertThat(kept.rejected()).isEqualTo(20_000);
    }
}
