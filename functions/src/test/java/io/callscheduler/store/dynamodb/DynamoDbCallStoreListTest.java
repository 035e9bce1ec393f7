package io.callscheduler.store.dynamodb;

import io.callscheduler.model.Call;
import io.callscheduler.model.CallStatus;
import io.callscheduler.store.CallFilter;
import io.callscheduler.store.InvalidPageTokenException;
import io.callscheduler.store.Page;
import io.callscheduler.testing.LocalAws;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Listing several statuses at once, searching, and counting, against DynamoDB Local. */
class DynamoDbCallStoreListTest {
    private static final Instant BASE = Instant.parse("2026-06-01T10:00:00Z");
    private static final AtomicInteger MINUTES = new AtomicInteger();
    private static DynamoDbCallStore store;
    private static final List<Call> all = new ArrayList<>();

    @BeforeAll
    static void fill() {
        LocalAws aws = LocalAws.get();
        store = new DynamoDbCallStore(aws.dynamoDb(), aws.newCallsTable());
        for (int i = 0; i < 7; i++) {
            insert(CallStatus.DIALING, "Ada Lovelace", "+14155550100");
            insert(CallStatus.IN_PROGRESS, "Grace Hopper", "+442071838750");
            insert(CallStatus.COMPLETED, "Alan Turing", "+14155550199");
        }
        insert(CallStatus.SCHEDULED, "Édith Piaf", "+33142685300");
    }

    private static void insert(CallStatus status, String name, String number) {
        Instant at = BASE.plusSeconds(60L * MINUTES.incrementAndGet());
        Call call = Call.newScheduled(UUID.randomUUID().toString(), number, name, null, at, "UTC", at.minusSeconds(60));
        if (status != CallStatus.SCHEDULED) {
            call = call.moveTo(CallStatus.DIALING, at, "dialing");
        }
        if (status == CallStatus.IN_PROGRESS || status == CallStatus.COMPLETED) {
            call = call.moveTo(CallStatus.IN_PROGRESS, at, "talking");
        }
        if (status == CallStatus.COMPLETED) {
            call = call.moveTo(CallStatus.COMPLETED, at, "done");
        }
        store.insert(call);
        all.add(call);
    }

    /** Every page of a list, following the tokens. */
    private static List<Call> everyPage(CallFilter filter, int limit) {
        List<Call> listed = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            Page<Call> page = store.list(filter, limit, token);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(limit);
            listed.addAll(page.items());
            token = page.nextToken();
            assertThat(++pages).as("pages").isLessThan(100);
        } while (token != null);
        return listed;
    }

    private static List<String> ids(List<Call> calls) {
        return calls.stream().map(Call::id).toList();
    }

    @Test
    void severalStatusesAreMergedMostRecentFirstAcrossPages() {
        List<Call> listed = everyPage(new CallFilter(Set.of(CallStatus.DIALING, CallStatus.IN_PROGRESS), null), 3);

        List<Call> expected = all.stream().filter(c -> c.status() == CallStatus.DIALING || c.status() == CallStatus.IN_PROGRESS)
                .sorted(Comparator.comparing(Call::scheduledAt).reversed()).toList();
        assertThat(ids(listed)).containsExactlyElementsOf(ids(expected));
    }

    @Test
    void allCallsAndOneStatusStillPageAsBefore() {
        assertThat(ids(everyPage(CallFilter.all(), 4))).containsExactlyElementsOf(ids(all.stream()
                .sorted(Comparator.comparing(Call::scheduledAt).reversed()).toList()));
        assertThat(everyPage(CallFilter.of(CallStatus.COMPLETED), 2)).hasSize(7)
                .allMatch(c -> c.status() == CallStatus.COMPLETED);
    }

    @Test
    void searchMatchesNamesWhateverTheCaseAndNumbersByDigits() {
        assertThat(everyPage(new CallFilter(Set.of(), "grace"), 2)).hasSize(7)
                .allMatch(c -> c.contactName().equals("Grace Hopper"));
        // The store is given the search folded (CallFilter.fold), and stores names folded too.
        assertThat(everyPage(new CallFilter(Set.of(), CallFilter.fold("ÉDITH")), 5)).singleElement()
                .extracting(Call::phoneNumber).isEqualTo("+33142685300");
        assertThat(everyPage(new CallFilter(Set.of(CallStatus.COMPLETED, CallStatus.DIALING), "4155550"), 4))
                .hasSize(14).allMatch(c -> c.phoneNumber().startsWith("+1415555"));
    }

    @Test
    void aSearchReadsABoundedNumberOfCallsPerRequestAndGoesOnWithItsToken() {
        LocalAws aws = LocalAws.get();
        DynamoDbCallStore big = new DynamoDbCallStore(aws.dynamoDb(), aws.newCallsTable());
        Instant old = Instant.parse("2026-01-01T00:00:00Z");
        big.insert(Call.newScheduled(UUID.randomUUID().toString(), "+14155550001", "Needle One", null, old, "UTC", old));
        big.insert(Call.newScheduled(UUID.randomUUID().toString(), "+14155550002", "needle two", null, old.plusSeconds(1), "UTC", old));
        java.util.stream.IntStream.range(0, 1100).parallel().forEach(i -> {
            Instant at = old.plusSeconds(3600 + i);
            big.insert(Call.newScheduled(UUID.randomUUID().toString(), "+14155551000", "Hay " + i, null, at, "UTC", old));
        });

        Page<Call> first = big.list(new CallFilter(Set.of(), "needle"), 10, null);
        assertThat(first.items()).as("1,000 newer calls read, none matching").isEmpty();
        assertThat(first.nextToken()).isNotNull();
        Page<Call> second = big.list(new CallFilter(Set.of(), "needle"), 10, first.nextToken());
        assertThat(second.items()).extracting(Call::contactName).containsExactly("needle two", "Needle One");
        assertThat(second.nextToken()).isNull();
    }

    @Test
    void aTokenOnlyWorksForTheFilterThatIssuedIt() {
        String token = store.list(new CallFilter(Set.of(CallStatus.DIALING), null), 1, null).nextToken();

        assertThatThrownBy(() -> store.list(new CallFilter(Set.of(CallStatus.DIALING), "ada"), 1, token))
                .isInstanceOf(InvalidPageTokenException.class);
        assertThatThrownBy(() -> store.list(CallFilter.of(CallStatus.COMPLETED), 1, token))
                .isInstanceOf(InvalidPageTokenException.class);
    }

    @Test
    void countsStopAtTheCap() {
        assertThat(store.count(CallStatus.COMPLETED, 1000)).isEqualTo(7);
        assertThat(store.count(CallStatus.COMPLETED, 5)).isEqualTo(5);
        assertThat(store.count(CallStatus.CANCELED, 1000)).isZero();
    }
}
