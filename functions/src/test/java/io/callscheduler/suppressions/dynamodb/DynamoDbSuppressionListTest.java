package io.callscheduler.suppressions.dynamodb;

import io.callscheduler.store.InvalidPageTokenException;
import io.callscheduler.store.Page;
import io.callscheduler.suppressions.Suppression;
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

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The do-not-call list on the calls table in DynamoDB Local, through a client that records each operation sent. */
class DynamoDbSuppressionListTest {
    private static final Instant T0 = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    private final List<String> operations = new CopyOnWriteArrayList<>();
    private DynamoDbSuppressionList list;

    @BeforeEach
    void start() {
        String table = LocalAws.get().newCallsTable();
        DynamoDbClient recording = DynamoDbClient.builder().endpointOverride(LocalAws.get().dynamoDbLocal.uri())
                .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        operations.add(context.request().getClass().getSimpleName());
                    }
                })).build();
        list = new DynamoDbSuppressionList(recording, table);
    }

    private static Suppression entry(String number, String reason, Instant addedAt) {
        return new Suppression(number, reason, "api", null, addedAt, null, null);
    }

    @Test
    void aPutAgainUpdatesTheEntryAndKeepsWhenItWasFirstAdded() {
        list.put(entry("+14155550100", "complained", T0));
        Suppression updated = list.put(new Suppression("+14155550100", "asked by letter", "page",
                T0.plus(java.time.Duration.ofDays(31)), T0.plusSeconds(3600), "call-1", "9"));

        assertThat(updated).isEqualTo(new Suppression("+14155550100", "asked by letter", "page",
                T0.plus(java.time.Duration.ofDays(31)), T0, "call-1", "9"));
        assertThat(list.find("+14155550100")).contains(updated);
        // Again without expiry and evidence: they are gone, not kept from before.
        assertThat(list.put(entry("+14155550100", "complained", T0.plusSeconds(7200))))
                .isEqualTo(entry("+14155550100", "complained", T0));
        assertThat(list.page(null, 10, null).items()).hasSize(1);
    }

    /**
     * An upload's thousand numbers against a short list: the list is read whole through its index in one query, not
     * in ten BatchGetItems; against a list of more than a tenth as many entries, number by number as before.
     */
    @Test
    void aThousandNumbersAgainstAShortListReadTheListOnceAndALongerOneByKey() {
        List<String> asked = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            asked.add("+1415555%04d".formatted(i));
        }
        list.put(entry("+14155550007", "complained", T0));
        list.put(entry("+14155550900", "complained", T0));
        list.put(entry("+14155559999", "not asked", T0));
        operations.clear();

        assertThat(list.screen(asked)).extracting(Suppression::number).containsExactlyInAnyOrder("+14155550007", "+14155550900");
        assertThat(operations).containsExactly("QueryRequest");
        operations.clear();
        assertThat(list.findAll(asked)).as("a read whose answer is written back: by key, consistent")
                .extracting(Suppression::number).containsExactlyInAnyOrder("+14155550007", "+14155550900");
        assertThat(operations).doesNotContain("QueryRequest");

        for (int i = 0; i < 100; i++) {
            list.put(entry("+1212555%04d".formatted(i), "another list", T0));
        }
        operations.clear();
        assertThat(list.screen(asked)).extracting(Suppression::number).containsExactlyInAnyOrder("+14155550007", "+14155550900");
        assertThat(operations).containsExactly("QueryRequest", // 101 entries read: more than 100, so by key
                "BatchGetItemRequest", "BatchGetItemRequest", "BatchGetItemRequest", "BatchGetItemRequest", "BatchGetItemRequest",
                "BatchGetItemRequest", "BatchGetItemRequest", "BatchGetItemRequest", "BatchGetItemRequest", "BatchGetItemRequest");
    }

    @Test
    void removeSaysWhetherTheNumberWasOnTheList() {
        list.put(entry("+14155550100", "complained", T0));

        assertThat(list.remove("+14155550100")).isTrue();
        assertThat(list.remove("+14155550100")).isFalse();
        assertThat(list.find("+14155550100")).isEmpty();
    }

    @Test
    void pagesRunInNumberOrderThroughTheIndexWithoutAScan() {
        for (int i = 0; i < 7; i++) {
            list.put(entry("+4420794600" + (10 + i), "entry " + i, T0));
        }
        operations.clear();

        List<String> numbers = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            Page<Suppression> page = list.page(null, 3, token);
            page.items().forEach(s -> numbers.add(s.number()));
            token = page.nextToken();
            pages++;
        } while (token != null);

        assertThat(numbers).containsExactly("+442079460010", "+442079460011", "+442079460012", "+442079460013",
                "+442079460014", "+442079460015", "+442079460016");
        assertThat(pages).isEqualTo(3);
        assertThat(operations).isNotEmpty().allMatch(op -> op.equals("QueryRequest"));
    }

    @Test
    void aSearchFindsNumbersByTheirDigitsAndEntriesByTheirReasonAcrossPages() {
        list.put(entry("+14155550101", "Müller asked not to be called", T0));
        list.put(entry("+14155550102", "wrong number", T0));
        list.put(entry("+33123456789", "muller again", T0));
        for (int i = 0; i < 5; i++) {
            list.put(entry("+1212555010" + i, "other", T0));
        }

        assertThat(list.page("415555", 10, null).items()).extracting(Suppression::number)
                .containsExactly("+14155550101", "+14155550102");
        Page<Suppression> first = list.page("muller", 1, null);
        assertThat(first.items()).extracting(Suppression::number).containsExactly("+14155550101");
        assertThat(list.page("muller", 1, first.nextToken()).items()).extracting(Suppression::number)
                .containsExactly("+33123456789");
        assertThatThrownBy(() -> list.page("other", 1, first.nextToken())).isInstanceOf(InvalidPageTokenException.class);
        assertThatThrownBy(() -> list.page(null, 1, "not-a-token")).isInstanceOf(InvalidPageTokenException.class);
    }

    /** A search matching nothing in a long list reads at most its budget a request, then says where to read on. */
    @Test
    void aRareSearchReadsAtMostItsBudgetARequestAndGoesOnWithAToken() {
        for (int i = 0; i < DynamoDbSuppressionList.READ_BUDGET + 100; i++) {
            list.put(entry("+1415556%04d".formatted(i), "complained", T0));
        }
        operations.clear();
        var first = list.page("nobody matches this", 50, null);
        assertThat(first.items()).isEmpty();
        assertThat(first.nextToken()).as("read on from where the budget ran out").isNotNull();
        assertThat(operations).hasSizeLessThanOrEqualTo(DynamoDbSuppressionList.READ_BUDGET / 100 + 1);
        var second = list.page("nobody matches this", 50, first.nextToken());
        assertThat(second.items()).isEmpty();
        assertThat(second.nextToken()).isNull();
    }
}
