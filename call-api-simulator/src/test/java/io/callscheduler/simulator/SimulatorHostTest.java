package io.callscheduler.simulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Run on its own too, the simulator answers only to its own names: a web page that rebinds its DNS name to
 * 127.0.0.1 can neither place calls nor change the knobs.
 */
class SimulatorHostTest {
    private CallApiSimulator simulator;

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void aForeignHostIsRefusedAndPlacesNoCall() throws Exception {
        simulator = CallApiSimulator.start("127.0.0.1", 0, null, SimulatorSettings.DEFAULTS);
        int port = simulator.address().getPort();
        String call = "{\"to\":\"+14155550123\",\"from\":\"+14155550100\",\"message\":\"hi\"}";

        assertThat(post(port, "attacker.example:" + port, "/calls", call)).startsWith("HTTP/1.1 421");
        assertThat(post(port, "attacker.example", "/_sim/reset", "")).startsWith("HTTP/1.1 421");
        assertThat(simulator.requestsFor("k1")).as("no call placed").isZero();

        assertThat(post(port, "localhost:" + port, "/calls", call)).startsWith("HTTP/1.1 201");
        assertThat(simulator.requestsFor("k1")).isEqualTo(1);
    }

    /** A POST with exactly this Host (Java's own client will not send a foreign one); the answer as text. */
    private static String post(int port, String host, String path, String body) throws IOException {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nIdempotency-Key: k1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + content.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.write(content);
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
