package io.callscheduler.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;

/** Twilio's error shape: {@code {"code", "message", "more_info", "status"}}. */
final class TwilioErrors {
    private TwilioErrors() {
    }

    static void send(HttpExchange exchange, int status, int code, String message) throws IOException {
        ObjectNode body = CallApiSimulator.JSON.createObjectNode();
        body.put("code", code);
        body.put("message", message);
        body.put("more_info", "https://www.twilio.com/docs/errors/" + code);
        body.put("status", status);
        JsonResponses.send(exchange, status, body);
    }
}
