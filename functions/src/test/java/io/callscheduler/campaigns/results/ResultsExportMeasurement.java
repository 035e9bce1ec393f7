package io.callscheduler.campaigns.results;

import java.time.LocalTime;
import java.time.DayOfWeek;
import io.callscheduler.testing.TestMoments;
import io.callscheduler.model.Call;
import io.callscheduler.model.Contact;
import io.callscheduler.model.NewContact;
import io.callscheduler.store.CampaignStore;
import io.callscheduler.store.dynamodb.DynamoDbCampaignResultsReader;
import io.callscheduler.store.dynamodb.DynamoDbCampaignStore;
import io.callscheduler.testing.AppUnderTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How long a page of a 10,000-contact campaign's results takes on DynamoDB Local (over HTTP, in memory), half its
 * contacts drawn into calls: run on demand ({@code -Dmeasure=results}), not in the suite (it takes minutes to set up).
 */
@EnabledIfSystemProperty(named = "measure", matches = "results")
class ResultsExportMeasurement {
    @RegisterExtension
    static final AppUnderTest app = new AppUnderTest();

    @Test
    void pagesOfATenThousandContactCampaign() throws Exception {
        String id = app.services().campaigns().service().create(new io.callscheduler.domain.campaigns.NewCampaignRequest(
                "Ten thousand", null, null, null, null, null, null, null, "2", null, null, null, null)).id();
        DynamoDbCampaignStore store = new DynamoDbCampaignStore(app.aws.dynamoDb(), app.table);
        List<NewContact> contacts = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            Map<String, String> columns = new LinkedHashMap<>();
            columns.put("contactName", "Guest number " + i);
            columns.put("appointment", "Tuesday 10:" + (i % 60));
            columns.put("notes", "=notes for contact " + i);
            contacts.add(new NewContact("+1415%07d".formatted(i), columns));
        }
        long start = System.nanoTime();
        assertThat(store.addContacts(id, contacts).added()).isEqualTo(10_000);
        System.out.printf("added 10,000 contacts in %d ms%n", (System.nanoTime() - start) / 1_000_000);

        app.services().campaigns().service().start(id);
        DynamoDbCampaignResultsReader reader = new DynamoDbCampaignResultsReader(app.aws.dynamoDb(), app.table);
        Instant at = TestMoments.next(DayOfWeek.MONDAY, LocalTime.of(9, 0));
        start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> draws = new ArrayList<>();
        for (long from = 1; from <= 5_000; from += 500) {
            long window = from;
            draws.add(pool.submit(() -> {
                for (Contact contact : reader.contacts(id, window, window + 499)) {
                    Call call = Call.newScheduled(UUID.randomUUID().toString(), contact.phoneNumber(),
                            contact.column("contactName"), null, at, "UTC", at).withCampaignId(id);
                    assertThat(store.draw(contact, call)).isEqualTo(CampaignStore.Drawn.DRAWN);
                }
            }));
        }
        for (Future<?> draw : draws) {
            draw.get();
        }
        pool.shutdown();
        System.out.printf("drew 5,000 contacts into calls in %d ms%n", (System.nanoTime() - start) / 1_000_000);

        ResultsExport export = app.services().campaigns().results();
        for (int round = 0; round < 3; round++) {
            String token = null;
            int pages = 0;
            long bytes = 0;
            List<Long> millis = new ArrayList<>();
            do {
                PageBody body = new PageBody(PageBody.LAMBDA_RESPONSE_BUDGET);
                long t0 = System.nanoTime();
                ResultsExport.Written page = export.write(id, null, token, body);
                millis.add((System.nanoTime() - t0) / 1_000_000);
                token = page.nextToken();
                bytes += body.text().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
                pages++;
                assertThat(page.rows()).isEqualTo(5_000);
            } while (token != null);
            assertThat(pages).isEqualTo(2);
            System.out.printf("round %d: 2 pages of 5,000 rows (first drawn, second pending) in %s ms; %d bytes in all%n",
                    round + 1, millis, bytes);
        }
    }
}
