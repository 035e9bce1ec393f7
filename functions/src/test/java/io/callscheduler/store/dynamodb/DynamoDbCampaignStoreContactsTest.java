package io.callscheduler.store.dynamodb;

import io.callscheduler.model.Campaign;
import io.callscheduler.model.CampaignState;
import io.callscheduler.model.Contact;
import io.callscheduler.model.NewContact;
import io.callscheduler.store.CampaignStore;
import io.callscheduler.testing.LocalAws;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A contacts upload's writes on DynamoDB Local, through a client that records each operation: transactions of
 * {@value DynamoDbCampaignStore#CHUNK} contacts each with the campaign's counts, the campaign read once per upload
 * (not once per transaction), and counts exact when another upload's transaction lands between two of this one's.
 */
class DynamoDbCampaignStoreContactsTest {
    private static final Instant NOW = Instant.now();
    private final List<String> operations = new CopyOnWriteArrayList<>();
    /** Runs once before the next transaction this test's client sends, as another upload landing in between. */
    private volatile Runnable beforeNextTransaction;
    private String table;
    private DynamoDbCampaignStore store;
    private DynamoDbCampaignStore otherUpload;

    @BeforeEach
    void start() {
        table = LocalAws.get().newCallsTable();
        DynamoDbClient recording = DynamoDbClient.builder().endpointOverride(LocalAws.get().dynamoDbLocal.uri())
                .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        operations.add(context.request().getClass().getSimpleName());
                        Runnable interleaved = beforeNextTransaction;
                        if (context.request() instanceof TransactWriteItemsRequest && interleaved != null) {
                            beforeNextTransaction = null;
                            interleaved.run();
                        }
                    }
                })).build();
        store = new DynamoDbCampaignStore(recording, table);
        otherUpload = new DynamoDbCampaignStore(LocalAws.get().dynamoDb(), table);
    }

    private String campaign() {
        String id = UUID.randomUUID().toString();
        otherUpload.insert(new Campaign(id, "Contacts", null, null, null, 1.0, 1, null, null, null, CampaignState.DRAFT,
                NOW, NOW, null, null, 0, Map.of(), 0));
        return id;
    }

    private static List<NewContact> contacts(int from, int count) {
        List<NewContact> contacts = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            contacts.add(new NewContact("+1415555%04d".formatted(i), Map.of("contactName", "Guest " + i)));
        }
        return contacts;
    }

    private long count(String campaignId, String name) {
        Campaign campaign = otherUpload.find(campaignId).orElseThrow();
        return name == null ? campaign.contacts() : campaign.count(name);
    }

    @Test
    void sixtyContactsAreOneTransactionWithTheCampaignsCounts() {
        String id = campaign();

        CampaignStore.Added added = store.addContacts(id, contacts(0, 60));

        assertThat(added.added()).isEqualTo(60);
        assertThat(operations).containsExactly("GetItemRequest", "TransactWriteItemsRequest");
        assertThat(count(id, null)).isEqualTo(60);
        assertThat(count(id, Campaign.PENDING)).isEqualTo(60);
        assertThat(otherUpload.pendingContacts(id, 100)).extracting(Contact::sequence)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 60).boxed().toList());
    }

    /** Without carrying the count from one transaction to the next, each of the 11 would read the campaign first. */
    @Test
    void aThousandContactsReadTheCampaignOnceAndAreNumberedOneToAThousand() {
        String id = campaign();

        assertThat(store.addContacts(id, contacts(0, 1000)).added()).isEqualTo(1000);

        assertThat(operations).filteredOn("TransactWriteItemsRequest"::equals).hasSize(11); // 1000 / 99, rounded up
        assertThat(operations).filteredOn("GetItemRequest"::equals).hasSize(1);
        assertThat(count(id, null)).isEqualTo(1000);
        assertThat(count(id, Campaign.PENDING)).isEqualTo(1000);
        assertThat(otherUpload.pendingContacts(id, 2000)).extracting(Contact::sequence).doesNotHaveDuplicates()
                .hasSize(1000).allMatch(sequence -> sequence >= 1 && sequence <= 1000);
        assertThat(otherUpload.contactColumns(id)).containsExactly("contactName");
    }

    /**
     * An upload that dies after its second transaction (as a Lambda killed mid-import), sent again whole: the contacts
     * the first attempt stored are refused as duplicates, the rest added, and each is counted once.
     */
    @Test
    void anUploadCutOffMidwayAndSentAgainCountsEachContactOnce() {
        String id = campaign();
        AtomicBoolean cutOff = new AtomicBoolean();
        beforeNextTransaction = () -> beforeNextTransaction = () -> beforeNextTransaction = () -> {
            cutOff.set(true);
            throw new IllegalStateException("the function was stopped");
        };
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.addContacts(id, contacts(0, 250)))
                .hasMessageContaining("stopped");
        assertThat(cutOff).isTrue();
        assertThat(count(id, null)).isEqualTo(198); // two transactions of 99

        CampaignStore.Added again = store.addContacts(id, contacts(0, 250));

        assertThat(again.added()).isEqualTo(52);
        assertThat(again.duplicates()).hasSize(198);
        assertThat(count(id, null)).isEqualTo(250);
        assertThat(count(id, Campaign.PENDING)).isEqualTo(250);
        assertThat(otherUpload.pendingContacts(id, 1000)).hasSize(250).extracting(Contact::sequence).doesNotHaveDuplicates();
    }

    /**
     * Another upload adds contacts, one of them a number this one has too, between this upload's first and second
     * transactions: the second is refused on the count it carried, the campaign is read again, and every contact is
     * counted once, the shared number once.
     */
    @Test
    void anotherUploadBetweenTwoTransactionsLeavesTheCountsExact() {
        String id = campaign();
        store.addContacts(id, contacts(0, 10));
        operations.clear();
        AtomicBoolean interleaved = new AtomicBoolean();
        // This upload: 150 new numbers (two transactions); the other: 5 new ones and the last of this upload's.
        beforeNextTransaction = () -> beforeNextTransaction = () -> {
            interleaved.set(true);
            List<NewContact> other = new ArrayList<>(contacts(5000, 5));
            other.add(contacts(159, 1).get(0));
            assertThat(otherUpload.addContacts(id, other).added()).isEqualTo(6);
        };

        CampaignStore.Added added = store.addContacts(id, contacts(10, 150));

        assertThat(interleaved).isTrue();
        assertThat(added.added()).isEqualTo(149);
        assertThat(added.duplicates()).containsExactly("+14155550159");
        assertThat(count(id, null)).isEqualTo(10 + 149 + 6);
        assertThat(count(id, Campaign.PENDING)).isEqualTo(10 + 149 + 6);
        assertThat(otherUpload.pendingContacts(id, 1000)).hasSize(165).extracting(Contact::sequence).doesNotHaveDuplicates();
        assertThat(operations).filteredOn("GetItemRequest"::equals).as("once at the start, once after the refusal")
                .hasSizeGreaterThanOrEqualTo(2);
    }
}
