package io.callscheduler.store.dynamodb;

import io.callscheduler.destinations.NumberQuota;
import io.callscheduler.model.Call;
import io.callscheduler.model.IdempotencyRecord;
import io.callscheduler.store.NumberQuotaExceededException;
import io.callscheduler.testing.LocalAws;
import io.callscheduler.testing.TestCalls;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The per-number daily count, kept in the transaction that writes each call, on DynamoDB Local. */
class NumberQuotaTest {
    private final LocalAws aws = LocalAws.get();
    private final DynamoDbCallStore store = new DynamoDbCallStore(aws.dynamoDb(), aws.newCallsTable());
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private final NumberQuota quota = new NumberQuota("+14155550100", now.atZone(ZoneOffset.UTC).toLocalDate(), 3);

    @Test
    void concurrentCreatesForOneNumberStopExactlyAtTheQuotaAndARefusedCallIsNotWritten() throws Exception {
        List<Call> calls = new ArrayList<>();
        List<Callable<String>> creates = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Call call = TestCalls.scheduled(now.plusSeconds(3600));
            calls.add(call);
            creates.add(() -> {
                try {
                    store.insert(call, null, quota);
                    return "created";
                } catch (NumberQuotaExceededException e) {
                    return "refused";
                }
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(12);
        List<String> outcomes = new ArrayList<>();
        try {
            for (Future<String> outcome : pool.invokeAll(creates)) {
                outcomes.add(outcome.get()); // any other exception fails the test here
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(outcomes).filteredOn("created"::equals).hasSize(3);
        assertThat(outcomes).filteredOn("refused"::equals).hasSize(9);
        assertThat(calls.stream().filter(c -> store.find(c.id()).isPresent())).hasSize(3);
        // Another number, or the next day, has its own count.
        store.insert(TestCalls.scheduled(now.plusSeconds(3600)), null,
                new NumberQuota("+14155550199", quota.day(), 3));
        store.insert(TestCalls.scheduled(now.plusSeconds(3600)), null,
                new NumberQuota(quota.phoneNumber(), quota.day().plusDays(1), 3));
    }

    @Test
    void aCreateWithAnIdempotencyKeyIsCountedInTheSameTransaction() {
        NumberQuota one = new NumberQuota("+14155550142", quota.day(), 1);
        Call first = TestCalls.scheduled(now.plusSeconds(3600));
        store.insert(first, new IdempotencyRecord("key-1", "hash", first.id(), now.plusSeconds(86400)), one);

        Call second = TestCalls.scheduled(now.plusSeconds(3600));
        assertThatThrownBy(() -> store.insert(second, new IdempotencyRecord("key-2", "hash", second.id(), now.plusSeconds(86400)), one))
                .isInstanceOf(NumberQuotaExceededException.class);
        assertThat(store.find(second.id())).isEmpty();
        assertThat(store.findIdempotencyRecord("key-2", now)).as("the key's record is not written either").isEmpty();
    }

    @Test
    void aCreateThatMeetsAnotherOnTheCounterTriesAgainInsteadOfFailing() {
        // DynamoDB Local runs transactions one at a time; DynamoDB cancels one of two that meet on an item with
        // TransactionConflict. The first attempt is answered so, as DynamoDB would, and then passed through.
        String table = aws.newCallsTable();
        java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
        var dynamoDb = (software.amazon.awssdk.services.dynamodb.DynamoDbClient) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {software.amazon.awssdk.services.dynamodb.DynamoDbClient.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("transactWriteItems") && attempts.getAndIncrement() == 0) {
                        throw software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException.builder()
                                .message("Transaction cancelled").cancellationReasons(
                                        software.amazon.awssdk.services.dynamodb.model.CancellationReason.builder().code("None").build(),
                                        software.amazon.awssdk.services.dynamodb.model.CancellationReason.builder().code("TransactionConflict").build())
                                .build();
                    }
                    try {
                        return method.invoke(aws.dynamoDb(), args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        var conflicted = new DynamoDbCallStore(dynamoDb, table);
        Call call = TestCalls.scheduled(now.plusSeconds(3600));

        conflicted.insert(call, null, quota);

        assertThat(attempts.get()).isEqualTo(2);
        assertThat(conflicted.find(call.id())).isPresent();
    }
}
