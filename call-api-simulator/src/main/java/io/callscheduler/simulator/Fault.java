package io.callscheduler.simulator;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;

/** A fault the knobs may inject into a request to place a call, whichever API it came through. */
enum Fault {
    NONE, SERVER_ERROR, THROTTLE, HANG, DROP;

    private static final long HANG_MS = 30_000;

    /**
     * Applies a hang or a dropped connection, which look the same through every API; true when the request
     * is thereby answered.
     */
    boolean applyToTransport(HttpExchange exchange) throws IOException, InterruptedException {
        if (this == HANG) {
            Thread.sleep(HANG_MS);
            return true;
        }
        if (this == DROP) {
            // No answer at all: closing the exchange before any response drops the connection.
            exchange.getResponseBody().close();
            return true;
        }
        return false;
    }
}
