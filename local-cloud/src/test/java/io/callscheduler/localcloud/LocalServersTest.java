package io.callscheduler.localcloud;

import io.callscheduler.localcloud.testing.LocalCloudExtension;
import io.callscheduler.localcloud.testing.RunningCloud;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.InetSocketAddress;
import java.net.URI;
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
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The local cloud's servers as a client on this machine meets them: where they listen, and how fast they answer. */
class LocalServersTest {
    /**
     * Nagle's algorithm against a delayed ACK costs at least 40 ms a request; a local request takes a few.
     * The budget sits between the two with room for a busy machine.
     */
    private static final Duration KEEP_ALIVE_BUDGET = Duration.ofMillis(30);
    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension();

    private static RunningCloud app() {
        return cloud.app();
    }

    @Test
    void everyListenerIsOnLoopbackOnly() throws Exception {
        Map<String, InetSocketAddress> listeners = app().cloud.listeners();

        assertThat(listeners).containsKeys("api", "aws", "web", "call-api-simulator", "dynamodb-local");
        listeners.forEach((name, address) -> assertThat(address.getAddress().isLoopbackAddress())
                .as(name + " listens on " + address + ", reachable from the network").isTrue());
    }

    @Test
    void statusSyncHasTheTemplatesReservedConcurrency() throws Exception {
        HttpRequest getFunction = HttpRequest.newBuilder(app().cloud.awsUrl().resolve("/2015-03-31/functions/call-scheduler-status-sync"))
                .header("Authorization", signedFor("lambda")).build();

        String body = HttpClient.newHttpClient().send(getFunction, HttpResponse.BodyHandlers.ofString()).body();

        assertThat(body).contains("\"Concurrency\":{\"ReservedConcurrentExecutions\":1}");
    }

    @Test
    void keptAliveConnectionsDoNotStallOnAnyServer() throws Exception {
        Map<String, HttpRequest> requests = new LinkedHashMap<>();
        requests.put("api :3000", HttpRequest.newBuilder(app().api.resolve("/calls/not-a-call-id"))
                .header("x-api-key", app().cloud.apiKey()).build());
        requests.put("aws :4566", HttpRequest.newBuilder(app().cloud.awsUrl().resolve("/schedule-groups"))
                .header("Authorization", signedFor("scheduler")).build());
        requests.put("web :8080", HttpRequest.newBuilder(app().cloud.webUrl().resolve("/config.js")).build());
        requests.put("simulator :5000", HttpRequest.newBuilder(app().callApi.resolve("/_sim/config")).build());
        requests.put("dynamodb-local", HttpRequest.newBuilder(app().cloud.dynamoDbUrl())
                .header("Authorization", signedFor("dynamodb"))
                .header("X-Amz-Target", "DynamoDB_20120810.ListTables")
                .header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());

        for (var request : requests.entrySet()) {
            assertThat(medianOnOneConnection(request.getValue()))
                    .as(request.getKey() + ": median time of a request on a kept-alive connection")
                    .isLessThan(KEEP_ALIVE_BUDGET);
        }
    }

    /** An Authorization header that routes to {@code service} on the local AWS endpoint (it checks no signature). */
    private static String signedFor(String service) {
        String credentialDate = LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.BASIC_ISO_DATE);
        return "AWS4-HMAC-SHA256 Credential=test/" + credentialDate + "/us-east-1/" + service
                + "/aws4_request, SignedHeaders=host, Signature=0";
    }

    /** One client, so one kept-alive connection: the first request opens it, the rest reuse it. */
    private static Duration medianOnOneConnection(HttpRequest request) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        client.send(request, HttpResponse.BodyHandlers.discarding());
        List<Long> nanos = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            long start = System.nanoTime();
            client.send(request, HttpResponse.BodyHandlers.discarding());
            nanos.add(System.nanoTime() - start);
        }
        nanos.sort(null);
        return Duration.ofNanos(nanos.get(nanos.size() / 2));
    }
}
