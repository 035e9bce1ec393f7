package io.callscheduler.benchmark;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The local cloud's servers one request at a time: the cost of a request on a kept-alive connection (as
 * browsers and the SDKs send them) beside one on a fresh connection each time (as curl does), and DynamoDB
 * Local's write rate directly beside the path through the AWS endpoint.
 */
final class ServerMeasurements extends Measurement {
    private static final int REQUESTS = 200;

    ServerMeasurements(LocalCloudClient client, Report report) {
        super(client, report);
    }

    void keepAliveOverhead() throws Exception {
        String date = LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.BASIC_ISO_DATE);
        Map<String, HttpRequest> requests = new LinkedHashMap<>();
        requests.put("API :3000 (GET /calls/{unknown})", HttpRequest.newBuilder(client.cloud.api.resolve("/calls/not-a-call"))
                .header("x-api-key", client.cloud.apiKey).build());
        requests.put("AWS endpoint :4566 (ListScheduleGroups)", HttpRequest.newBuilder(client.cloud.aws.resolve("/schedule-groups"))
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=test/" + date
                        + "/us-east-1/scheduler/aws4_request, SignedHeaders=host, Signature=0").build());
        requests.put("web page :8080 (GET /config.js)", HttpRequest.newBuilder(client.cloud.web.resolve("/config.js")).build());
        requests.put("simulator :5000 (GET /_sim/config)", HttpRequest.newBuilder(client.cloud.callApi.resolve("/_sim/config")).build());
        for (Map.Entry<String, HttpRequest> request : requests.entrySet()) {
            Report.progress("Keep-alive overhead: " + request.getKey());
            Stats keptAlive = timeEach(request.getValue(), true);
            Stats fresh = timeEach(request.getValue(), false);
            report.row("Request on a kept-alive connection, " + request.getKey(),
                    "p50 " + Stats.ms(keptAlive.percentile(50)) + ", p99 " + Stats.ms(keptAlive.percentile(99)),
                    "new connection each: p50 " + Stats.ms(fresh.percentile(50)),
                    Report.verdict(keptAlive.percentile(50) < 10, "p50 < 10 ms (no ~40 ms Nagle stall)"));
        }
    }

    /** {@code REQUESTS} requests one after the other, on one connection or on a new one each time. */
    private static Stats timeEach(HttpRequest request, boolean keepAlive) throws Exception {
        HttpClient shared = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        shared.send(request, HttpResponse.BodyHandlers.discarding()); // opens the connection (and warms the path)
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            HttpClient http = keepAlive ? shared : HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            long start = System.nanoTime();
            http.send(request, HttpResponse.BodyHandlers.discarding());
            millis.add((System.nanoTime() - start) / 1e6);
        }
        return Stats.of(millis);
    }

    /** The write ceiling of DynamoDB Local itself, then the same writes through :4566 (what the AWS CLI uses). */
    double putItemPaths() throws Exception {
        Report.progress("Raw PutItem of DynamoDB Local (16 clients, 3 s), directly and through the AWS endpoint");
        Load.measure(16, Duration.ofSeconds(2), LocalCloudClient.putItem(client.dynamoDb)); // warm-up: JIT and caches
        Load.Run direct = Load.measure(16, Duration.ofSeconds(3), LocalCloudClient.putItem(client.dynamoDb));
        Load.Run single = Load.measure(1, Duration.ofSeconds(2), LocalCloudClient.putItem(client.dynamoDb));
        Load.Run proxied = Load.measure(16, Duration.ofSeconds(3), LocalCloudClient.putItem(client.dynamoDbThroughEndpoint));
        report.raiseWriteCeiling(direct.perSecond());
        report.row("DynamoDB Local (on disk, its own port): raw PutItem, 16 clients",
                String.format(Locale.ROOT, "%.0f/s", direct.perSecond()),
                String.format(Locale.ROOT, "1 client: %.0f/s, p50 %s", single.perSecond(), Stats.ms(single.stats().percentile(50))),
                "the write ceiling every figure shares; \"write-bound\" below uses the best rate of the run");
        report.row("PutItem through the AWS endpoint :4566, 16 clients",
                String.format(Locale.ROOT, "%.0f/s; p50 %s", proxied.perSecond(), Stats.ms(proxied.stats().percentile(50))),
                String.format(Locale.ROOT, "directly: %.0f/s; p50 %s", direct.perSecond(), Stats.ms(direct.stats().percentile(50))),
                String.format(Locale.ROOT, "%.0f%% of direct", 100 * proxied.perSecond() / direct.perSecond()));
        return direct.perSecond();
    }
}
