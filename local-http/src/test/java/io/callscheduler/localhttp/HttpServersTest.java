package io.callscheduler.localhttp;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class HttpServersTest {
    private final AtomicInteger handled = new AtomicInteger();
    private final List<Socket> sockets = new ArrayList<>();
    private HttpServer server;
    private ExecutorService workers;

    /** A server whose handler reads the whole body, counts the request and answers 200. */
    private int start() throws IOException {
        server = HttpServers.create("127.0.0.1", 0, 512);
        workers = HttpServers.workers("test", 512);
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                handled.incrementAndGet();
                exchange.sendResponseHeaders(200, -1);
            }
        });
        server.setExecutor(workers);
        server.start();
        return server.getAddress().getPort();
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        server.stop(0);
        workers.shutdownNow();
    }

    @Test
    void aForeignHostIsRefusedBeforeTheHandlerRuns() throws Exception {
        int port = start();

        assertThat(status(port, "attacker.example:" + port)).isEqualTo(421);
        assertThat(status(port, "localhost.attacker.example")).isEqualTo(421);
        assertThat(status(port, null)).as("no Host at all").isEqualTo(421);
        assertThat(handled).as("no handler ran").hasValue(0);

        assertThat(status(port, "localhost:" + port)).isEqualTo(200);
        assertThat(status(port, "127.0.0.1:" + port)).isEqualTo(200);
        assertThat(handled).hasValue(2);
    }

    @Test
    void aContextAddedLaterIsCheckedToo() throws Exception {
        int port = start();
        server.createContext("/late", exchange -> {
            try (exchange) {
                handled.incrementAndGet();
                exchange.sendResponseHeaders(204, -1);
            }
        });

        assertThat(status(port, "attacker.example", "/late")).isEqualTo(421);
        assertThat(status(port, "localhost", "/late")).isEqualTo(204);
        assertThat(handled).hasValue(1);
    }

    @Test
    void stalledUploadsHoldUpNoOtherRequestAndAreClosedAfterTheDeadline() throws Exception {
        int port = start();
        for (int i = 0; i < 200; i++) {
            Socket stalled = new Socket("127.0.0.1", port);
            sockets.add(stalled);
            stalled.getOutputStream().write(("POST /upload HTTP/1.1\r\nHost: localhost:" + port
                    + "\r\nContent-Length: 1048576\r\n\r\nabc").getBytes(StandardCharsets.US_ASCII));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> workers instanceof java.util.concurrent.ThreadPoolExecutor pool
                && pool.getActiveCount() >= 200);

        long start = System.nanoTime();
        int status = status(port, "localhost:" + port);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(status).isEqualTo(200);
        assertThat(took).isLessThan(Duration.ofSeconds(1));
        // The server gives up on them after its deadline (closing the connection), not the client.
        await().atMost(Duration.ofSeconds(HttpServers.REQUEST_SECONDS + 5)).until(() -> sockets.stream().allMatch(HttpServersTest::closedByServer));
        assertThat(handled).as("no stalled upload reached its handler's end").hasValue(1);
    }

    /** Whether the server has closed this connection: a read sees its end (or a reset) rather than waiting. */
    private static boolean closedByServer(Socket socket) {
        try {
            socket.setSoTimeout(1);
            return socket.getInputStream().read() == -1;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    static int status(int port, String host) throws IOException {
        return status(port, host, "/");
    }

    /** The status of a GET sent over a socket, with this Host header (none when null), as any client could. */
    static int status(int port, String host, String path) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\n" + (host == null ? "" : "Host: " + host + "\r\n")
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            String statusLine = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(statusLine.substring(9, 12));
        } catch (SocketException e) {
            throw new IOException("no answer", e);
        }
    }
}
