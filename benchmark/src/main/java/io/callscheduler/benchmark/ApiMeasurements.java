package io.callscheduler.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** The API under load from 1, 16 and 64 clients, beside the raw PutItem rate measured in the same seconds. */
final class ApiMeasurements extends Measurement {

    ApiMeasurements(LocalCloudClient client, Report report) {
        super(client, report);
    }

    void api(Duration each) throws Exception {
        for (int clients : new int[]{1, 16, 64}) {
            Report.progress("API: " + clients + " concurrent clients, " + each.toSeconds() + " s each for create, list and raw PutItem");
            Load.Run create = Load.measure(clients, each, i -> client.createCall(client.nextNumber(),
                    Instant.now().plus(Duration.ofDays(30))));
            Load.Run list = Load.measure(clients, each, i -> client.send("GET", client.cloud.api.resolve("/calls?status=SCHEDULED&limit=50"), null, 200));
            Load.Run put = Load.measure(clients, each, LocalCloudClient.putItem(client.dynamoDb));
            report.raiseWriteCeiling(put.perSecond());
            report.row("API create, " + clients + " client" + (clients == 1 ? "" : "s"),
                    String.format(Locale.ROOT, "%.0f/s; p50 %s, p99 %s", create.perSecond(), Stats.ms(create.stats().percentile(50)),
                            Stats.ms(create.stats().percentile(99))),
                    String.format(Locale.ROOT, "raw PutItem %.0f/s", put.perSecond()),
                    String.format(Locale.ROOT, "%.0f%% of the ceiling", 100 * create.perSecond() / put.perSecond()));
            report.row("API list (50 per page), " + clients + " client" + (clients == 1 ? "" : "s"),
                    String.format(Locale.ROOT, "%.0f/s; p50 %s, p99 %s", list.perSecond(), Stats.ms(list.stats().percentile(50)),
                            Stats.ms(list.stats().percentile(99))), "", "");
        }
    }
}
