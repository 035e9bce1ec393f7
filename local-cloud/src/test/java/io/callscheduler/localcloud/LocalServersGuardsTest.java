package io.callscheduler.localcloud;

import io.callscheduler.localcloud.testing.LocalCloudExtension;
import io.callscheduler.localcloud.testing.RunningCloud;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every server of the local cloud serves only its own user: a request naming another Host (what a web page that
 * rebinds its DNS name to 127.0.0.1 sends) is refused before anything is read or run, and uploads that stall
 * hold up no one else. Requests go over raw sockets, as a browser's would, since Java's own client will not
 * send a foreign Host.
 */
@Execution(ExecutionMode.SAME_THREAD) // one test counts the create function's runs, one measures a latency
class LocalServersGuardsTest {
    private static final String FOREIGN = "attacker.example";
    private static final String CREATE_FUNCTION = "call-scheduler-create-call";

    @RegisterExtension
    static final LocalCloudExtension CLOUD = new LocalCloudExtension();

    private final List<Socket> stalled = new ArrayList<>();

    @AfterEach
    void closeStalled() throws IOException {
        for (Socket socket : stalled) {
            socket.close();
        }
    }

    @Test
    void theAwsEndpointRefusesAForeignHostAndReadsNothingFromTheTable() throws Exception {
        URI aws = CLOUD.app().cloud.awsUrl();
        assertScanRefusedForAForeignHost(aws, FOREIGN, "+14155550321");
    }

    @Test
    void dynamoDbLocalsOwnPortRefusesAForeignHostToo() throws Exception {
        URI dynamoDb = CLOUD.app().cloud.dynamoDbUrl();
        assertScanRefusedForAForeignHost(dynamoDb, FOREIGN + ":" + dynamoDb.getPort(), "+14155550322");
    }

    /** A Scan of the calls table through {@code endpoint}: 421 with nothing of a call for the foreign host, 200 for localhost. */
    private static void assertScanRefusedForAForeignHost(URI endpoint, String foreignHost, String phoneNumber) throws Exception {
        String id = CLOUD.app().create(phoneNumber, Instant.now().plusSeconds(3600)).path("id").asText();
        String scan = "{\"TableName\":\"call-scheduler-CallsTable\"}";

        Answer refused = send(endpoint, foreignHost, "POST", "/", awsHeaders("dynamodb", "DynamoDB_20120810.Scan"), scan);
        Answer served = send(endpoint, "localhost:" + endpoint.getPort(), "POST", "/", awsHeaders("dynamodb", "DynamoDB_20120810.Scan"), scan);

        assertThat(refused.status()).isEqualTo(421);
        assertThat(refused.body()).doesNotContain(id).doesNotContain(phoneNumber);
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.body()).contains(id);
    }

    @Test
    void theAwsEndpointRefusesAForeignHostAndInvokesNothing() throws Exception {
        RunningCloud app = CLOUD.app();
        URI aws = app.cloud.awsUrl();
        String path = "/2015-03-31/functions/" + CREATE_FUNCTION + "/invocations";
        long before = app.cloud.lambda().runsOf(CREATE_FUNCTION).count();

        Answer refused = send(aws, FOREIGN + ":" + aws.getPort(), "POST", path, awsHeaders("lambda", null), "{}");
        assertThat(refused.status()).isEqualTo(421);
        assertThat(app.cloud.lambda().runsOf(CREATE_FUNCTION).count()).as("the create function did not run").isEqualTo(before);

        Answer served = send(aws, "127.0.0.1:" + aws.getPort(), "POST", path, awsHeaders("lambda", null), "{}");
        assertThat(served.status()).isEqualTo(200);
        assertThat(app.cloud.lambda().runsOf(CREATE_FUNCTION).count()).isEqualTo(before + 1);
    }

    @Test
    void theApiThePageAndTheSimulatorRefuseAForeignHost() throws Exception {
        RunningCloud app = CLOUD.app();
        String key = "x-api-key: " + app.cloud.apiKey() + "\r\n";
        for (URI server : List.of(app.cloud.apiUrl(), app.cloud.webUrl(), app.cloud.callApiUrl())) {
            String path = server.equals(app.cloud.apiUrl()) ? "/calls/counts" : server.equals(app.cloud.webUrl()) ? "/" : "/_sim/dials";

            assertThat(send(server, FOREIGN + ":" + server.getPort(), "GET", path, key, null).status()).as(server + path).isEqualTo(421);
            assertThat(send(server, "localhost:" + server.getPort(), "GET", path, key, null).status()).as(server + path).isEqualTo(200);
        }
    }

    @Test
    void stalledUploadsHoldUpNoApiRequestAndTheServerClosesThem() throws Exception {
        RunningCloud app = CLOUD.app();
        URI api = app.cloud.apiUrl();
        String key = "x-api-key: " + app.cloud.apiKey() + "\r\n";
        long creates = app.cloud.lambda().runsOf(CREATE_FUNCTION).count();
        for (int i = 0; i < 200; i++) {
            Socket socket = new Socket(api.getHost(), api.getPort());
            stalled.add(socket);
            socket.getOutputStream().write(("POST /calls HTTP/1.1\r\nHost: localhost:" + api.getPort() + "\r\n" + key
                    + "Content-Type: application/json\r\nContent-Length: 1048576\r\n\r\n{\"phone").getBytes(StandardCharsets.UTF_8));
        }

        // Wait until each stalled upload holds a worker (they are handed one as they are accepted). A server with
        // fewer workers never gets there; the request below then shows what that costs.
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> thread.getName().startsWith("api-")).count() >= stalled.size());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // measured anyway
        }

        long start = System.nanoTime();
        Answer counts = send(api, "localhost:" + api.getPort(), "GET", "/calls/counts", key, null);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(counts.status()).isEqualTo(200);
        assertThat(took).isLessThan(Duration.ofSeconds(1));
        // The server's read deadline (5 s) closes them; the client never does.
        await().atMost(Duration.ofSeconds(12)).until(() -> stalled.stream().allMatch(LocalServersGuardsTest::closedByServer));
        assertThat(app.cloud.lambda().runsOf(CREATE_FUNCTION).count()).as("no half-read body reached the function")
                .isEqualTo(creates);
    }

    private static boolean closedByServer(Socket socket) {
        try {
            socket.setSoTimeout(1);
            InputStream in = socket.getInputStream();
            while (true) {
                if (in.read() == -1) {
                    return true; // any answer read through to the server's close
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by the server
        }
    }

    /** SigV4-shaped headers (the endpoint, like LocalStack, takes any credentials and verifies no signature). */
    private static String awsHeaders(String service, String target) {
        Instant now = Clock.systemUTC().instant();
        String date = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC).format(now);
        return "Authorization: AWS4-HMAC-SHA256 Credential=test/" + date + "/us-east-1/" + service
                + "/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + "0".repeat(64) + "\r\n"
                + "X-Amz-Date: " + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(now) + "\r\n"
                + (target == null ? "Content-Type: application/json\r\n"
                : "Content-Type: application/x-amz-json-1.0\r\nX-Amz-Target: " + target + "\r\n");
    }

    private record Answer(int status, String body) {
    }

    /** One request over a fresh socket with exactly this Host; the whole answer read to the server's close. */
    private static Answer send(URI server, String host, String method, String path, String headers, String body)
            throws IOException {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + headers + "Connection: close\r\n"
                    + (body == null ? "" : "Content-Length: " + content.length + "\r\n") + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(content);
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int headersEnd = answer.indexOf("\r\n\r\n");
            return new Answer(Integer.parseInt(answer.substring(9, 12)), headersEnd < 0 ? "" : answer.substring(headersEnd + 4));
        }
    }
}
