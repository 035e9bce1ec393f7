package io.callscheduler.events.deliveries.dynamodb;

import io.callscheduler.events.deliveries.DeliveryAttempt;
import io.callscheduler.events.deliveries.DeliveryRecord;
import io.callscheduler.events.deliveries.DeliveryState;
import io.callscheduler.events.delivery.DeliveryMessage;
import io.callscheduler.store.InvalidPageTokenException;
import io.callscheduler.store.Page;
import io.callscheduler.store.dynamodb.CallsTable;
import io.callscheduler.testing.LocalAws;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The delivery log in DynamoDB Local: per endpoint, newest first, paged, filtered; the send in force; the TTL. */
class DynamoDbDeliveryLogTest {
    private static final Instant T0 = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    private final LocalAws aws = LocalAws.get();
    private final String table = aws.newCallsTable();
    private final DynamoDbDeliveryLog log = new DynamoDbDeliveryLog(aws.dynamoDb(), table);

    private static DeliveryMessage message(String endpoint, int n, Instant queuedAt) {
        return DeliveryMessage.first(endpoint, "msg_" + String.format("%032d", n), "call.completed", "{\"n\":" + n + "}", queuedAt);
    }

    private static DeliveryAttempt attempt(int number, Instant at, Integer status) {
        return new DeliveryAttempt(number, at, status, Duration.ofMillis(42), "answer", status == null ? "no answer" : null,
                status != null && status < 300 ? "delivered" : "failed");
    }

    @Test
    void anEndpointsMessagesComeNewestFirstInPagesAndByState() {
        for (int n = 0; n < 5; n++) {
            DeliveryMessage m = message("e1", n, T0.plusSeconds(n));
            log.begin(m, T0.plusSeconds(n));
            log.recordAttempt(m, attempt(1, T0.plusSeconds(n), n % 2 == 0 ? 200 : 500),
                    n % 2 == 0 ? DeliveryState.DELIVERED : DeliveryState.FAILED, T0.plusSeconds(n));
        }
        log.begin(message("other-endpoint", 9, T0), T0);

        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            Page<DeliveryRecord> page = log.page("e1", null, 2, token);
            page.items().forEach(r -> seen.add(r.webhookId()));
            token = page.nextToken();
        } while (token != null);
        assertThat(seen).containsExactly("msg_" + "0".repeat(31) + "4", "msg_" + "0".repeat(31) + "3",
                "msg_" + "0".repeat(31) + "2", "msg_" + "0".repeat(31) + "1", "msg_" + "0".repeat(32));
        assertThat(log.page("e1", DeliveryState.FAILED, 50, null).items()).extracting(DeliveryRecord::webhookId)
                .containsExactly("msg_" + "0".repeat(31) + "3", "msg_" + "0".repeat(31) + "1");
        assertThat(log.recoverable("e1", T0.plusSeconds(2), null).items()).extracting(DeliveryRecord::webhookId)
                .containsExactly("msg_" + "0".repeat(31) + "3");
        assertThatThrownBy(() -> log.page("e1", null, 2, "bm90LWEtdG9rZW4")).isInstanceOf(InvalidPageTokenException.class);
    }

    @Test
    void aRecordKeepsItsBodyAndAttemptsAndExpiresThirtyDaysAfterItsLastWrite() {
        DeliveryMessage m = message("e2", 1, T0);
        assertThat(log.begin(m, T0)).isTrue();
        log.recordAttempt(m, attempt(1, T0, null), DeliveryState.PENDING, T0);
        Instant later = T0.plusSeconds(300);
        log.recordAttempt(m.nextAttemptAt(later), attempt(2, later, 200), DeliveryState.DELIVERED, later);

        DeliveryRecord record = log.find("e2", m.webhookId()).orElseThrow();
        assertThat(record.body()).isEqualTo("{\"n\":1}");
        assertThat(record.state()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(record.lastAttemptAt()).isEqualTo(later);
        assertThat(record.attempts()).extracting(DeliveryAttempt::status).containsExactly(null, 200);
        assertThat(record.attempts().get(0).error()).isEqualTo("no answer");
        assertThat(record.attempts().get(1).latency()).isEqualTo(Duration.ofMillis(42));
        Map<String, AttributeValue> item = aws.dynamoDb().getItem(r -> r.tableName(table)
                .key(Map.of(CallsTable.ID, AttributeValue.fromS(CallsTable.webhookDelivery("e2", m.webhookId()))))).item();
        assertThat(Long.parseLong(item.get(CallsTable.EXPIRES_AT).n())).isEqualTo(later.plus(Duration.ofDays(30)).getEpochSecond());
    }

    @Test
    void aResendReplacesTheSendInForceSoThatTheOldSendsCopiesAreStale() {
        DeliveryMessage original = message("e3", 1, T0);
        log.begin(original, T0);
        log.recordAttempt(original, attempt(1, T0, 500), DeliveryState.FAILED, T0);
        assertThat(log.begin(original, T0)).as("a finished send is not attempted again").isFalse();

        DeliveryMessage replay = message("e3", 1, T0.plusSeconds(60));
        log.resend(replay, T0.plusSeconds(60));

        assertThat(log.begin(replay, T0.plusSeconds(61))).isTrue();
        assertThat(log.begin(original.nextAttemptAt(T0.plusSeconds(5)), T0.plusSeconds(61))).isFalse();
        log.recordAttempt(original, attempt(2, T0.plusSeconds(62), 500), DeliveryState.FAILED, T0.plusSeconds(62));
        DeliveryRecord record = log.find("e3", replay.webhookId()).orElseThrow();
        assertThat(record.state()).as("the old send's attempt does not end the replay").isEqualTo(DeliveryState.PENDING);
        assertThat(record.attempts()).hasSize(2);
        assertThat(record.createdAt()).isEqualTo(T0);
    }

    @Test
    void aResendQueuedBeforeItsMarkTakesOverOnArrivalAndTheLateMarkChangesNothing() {
        DeliveryMessage original = message("e4", 1, T0);
        log.begin(original, T0);
        log.recordAttempt(original, attempt(1, T0, 500), DeliveryState.FAILED, T0);

        DeliveryMessage replay = DeliveryMessage.resend("e4", original.webhookId(), original.eventType(), original.body(),
                T0.plusSeconds(60));
        assertThat(log.begin(replay, T0.plusSeconds(60))).as("arrives before the log is marked").isTrue();
        log.recordAttempt(replay, attempt(1, T0.plusSeconds(60), 200), DeliveryState.DELIVERED, T0.plusSeconds(60));
        log.resend(replay, T0.plusSeconds(61));

        assertThat(log.find("e4", original.webhookId()).orElseThrow().state()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(log.begin(replay, T0.plusSeconds(62))).as("SQS delivering it again").isFalse();
        assertThat(log.begin(message("e4", 1, T0.plusSeconds(90)), T0.plusSeconds(90)))
                .as("the fan-out's copy is still a stale duplicate").isFalse();
        DeliveryMessage olderReplay = DeliveryMessage.resend("e4", original.webhookId(), original.eventType(),
                original.body(), T0.plusSeconds(30));
        assertThat(log.begin(olderReplay, T0.plusSeconds(63))).as("a resend older than the send in force").isFalse();

        DeliveryMessage skippedReplay = DeliveryMessage.resend("e4", original.webhookId(), original.eventType(),
                original.body(), T0.plusSeconds(120));
        log.skipped(skippedReplay, T0.plusSeconds(120));
        log.resend(skippedReplay, T0.plusSeconds(121));
        assertThat(log.find("e4", original.webhookId()).orElseThrow().state())
                .as("skipped (endpoint disabled meanwhile) before its late mark: not left pending").isEqualTo(DeliveryState.SKIPPED);
    }

    @Test
    void aCopyThatFindsTheEndpointDisabledLeavesAFinishedSendAndAPendingReplayAsTheyAre() {
        DeliveryMessage delivered = message("e6", 1, T0);
        log.begin(delivered, T0);
        log.recordAttempt(delivered, attempt(1, T0, 200), DeliveryState.DELIVERED, T0);
        assertThat(log.skipped(message("e6", 1, T0.plusSeconds(5)), T0.plusSeconds(10)))
                .as("the fan-out's second copy, the endpoint disabled since").isFalse();
        assertThat(log.skipped(delivered, T0.plusSeconds(11))).as("SQS delivering the same message again").isFalse();
        assertThat(log.find("e6", delivered.webhookId()).orElseThrow().state())
                .as("still delivered, so a recover does not send it again").isEqualTo(DeliveryState.DELIVERED);

        DeliveryMessage failed = message("e6", 2, T0);
        log.begin(failed, T0);
        log.recordAttempt(failed, attempt(1, T0, 500), DeliveryState.FAILED, T0);
        DeliveryMessage replay = DeliveryMessage.resend("e6", failed.webhookId(), failed.eventType(), failed.body(),
                T0.plusSeconds(60));
        log.resend(replay, T0.plusSeconds(60));
        assertThat(log.skipped(failed, T0.plusSeconds(61))).as("a retry of the replaced send").isFalse();
        assertThat(log.begin(replay, T0.plusSeconds(62))).as("the replay is still attempted").isTrue();

        DeliveryMessage pending = message("e6", 3, T0);
        log.begin(pending, T0);
        assertThat(log.skipped(pending, T0.plusSeconds(5))).as("its own pending send").isTrue();
        assertThat(log.skipped(message("e6", 4, T0), T0.plusSeconds(5))).as("a message never seen").isTrue();
        assertThat(log.find("e6", pending.webhookId()).orElseThrow().state()).isEqualTo(DeliveryState.SKIPPED);
    }

    @Test
    void anAttemptThatArrivedAfterItsReplayWasSkippedLeavesTheMessageDeliveredNotRecoverable() {
        DeliveryMessage original = message("e8", 1, T0);
        log.begin(original, T0);
        DeliveryMessage replay = DeliveryMessage.resend("e8", original.webhookId(), original.eventType(), original.body(),
                T0.plusSeconds(1));
        log.resend(replay, T0.plusSeconds(1)); // asked while the original's POST was under way
        assertThat(log.skipped(replay, T0.plusSeconds(2))).as("the endpoint disabled before the replay came").isTrue();

        log.recordAttempt(original, attempt(1, T0.plusSeconds(3), 200), DeliveryState.DELIVERED, T0.plusSeconds(3));

        DeliveryRecord record = log.find("e8", original.webhookId()).orElseThrow();
        assertThat(record.state()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(record.attempts()).hasSize(1);
        assertThat(log.recoverable("e8", T0, null).items()).as("nothing for a recover to send again").isEmpty();
    }

    @Test
    void aPageEndsEarlyWithATokenWhenItsRecordsWouldNotFitInOneAnswer() {
        String controlCharacters = "\u0001".repeat(DeliveryAttempt.MAX_RESPONSE_CHARS); // 7 characters each once answered
        for (int n = 0; n < 5; n++) {
            DeliveryMessage m = message("e7", n, T0.plusSeconds(n));
            log.begin(m, T0.plusSeconds(n));
            log.recordAttempt(m, new DeliveryAttempt(1, T0.plusSeconds(n), 500, Duration.ofMillis(3), controlCharacters,
                    null, "failed"), DeliveryState.FAILED, T0.plusSeconds(n));
        }
        long oneRecord = log.find("e7", message("e7", 0, T0).webhookId()).orElseThrow().worstCaseAnswerChars();
        assertThat(oneRecord).as("1 KB of control characters, escaped twice").isGreaterThan(7L * DeliveryAttempt.MAX_RESPONSE_CHARS);
        DynamoDbDeliveryLog budgeted = new DynamoDbDeliveryLog(aws.dynamoDb(), table, DynamoDbDeliveryLog.MAX_READ,
                2 * oneRecord + oneRecord / 2);

        List<String> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String token = null;
        do {
            Page<DeliveryRecord> page = budgeted.page("e7", null, 50, token);
            page.items().forEach(r -> seen.add(r.webhookId()));
            sizes.add(page.items().size());
            token = page.nextToken();
        } while (token != null);
        assertThat(sizes).as("two records a page fit the budget").containsExactly(2, 2, 1);
        assertThat(seen).as("newest first, none lost or repeated").containsExactly(message("e7", 4, T0).webhookId(),
                message("e7", 3, T0).webhookId(), message("e7", 2, T0).webhookId(), message("e7", 1, T0).webhookId(),
                message("e7", 0, T0).webhookId());
    }

    @Test
    void aFilteredReadStopsAtItsBoundWithATokenToGoOnAndRecoverFindsSkippedMessages() {
        DynamoDbDeliveryLog bounded = new DynamoDbDeliveryLog(aws.dynamoDb(), table, 3, DynamoDbDeliveryLog.ANSWER_BUDGET_CHARS);
        for (int n = 0; n < 7; n++) {
            DeliveryMessage m = message("e5", n, T0.plusSeconds(n));
            bounded.begin(m, T0.plusSeconds(n));
            if (n == 0 || n == 6) {
                bounded.recordAttempt(m, attempt(1, T0.plusSeconds(n), 500), DeliveryState.FAILED, T0.plusSeconds(n));
            } else if (n == 1) {
                bounded.skipped(m, T0.plusSeconds(n));
            } else {
                bounded.recordAttempt(m, attempt(1, T0.plusSeconds(n), 200), DeliveryState.DELIVERED, T0.plusSeconds(n));
            }
        }
        Page<DeliveryRecord> first = bounded.page("e5", DeliveryState.FAILED, 50, null);
        assertThat(first.items()).extracting(DeliveryRecord::webhookId).containsExactly("msg_" + "0".repeat(31) + "6");
        assertThat(first.nextToken()).as("3 of 7 read").isNotNull();

        List<String> recovered = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String token = null;
        do {
            Page<DeliveryRecord> page = bounded.recoverable("e5", T0, token);
            page.items().forEach(r -> recovered.add(r.webhookId()));
            pageSizes.add(page.items().size());
            token = page.nextToken();
        } while (token != null);
        assertThat(recovered).containsExactly("msg_" + "0".repeat(31) + "6", "msg_" + "0".repeat(31) + "1", "msg_" + "0".repeat(32));
        assertThat(pageSizes).hasSize(3);
    }
}
