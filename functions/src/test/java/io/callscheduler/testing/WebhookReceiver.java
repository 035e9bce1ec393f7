package io.callscheduler.testing;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/**
 * A user's webhook endpoint on a free loopback port, with knobs: the status to answer (and a Retry-After), or hang
 * until closed. Records every request it receives.
 */
public final class WebhookReceiver implements AutoCloseable {
    public record Received(Map<String, String> headers, String body) {
    }

    public final List<Received> received = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile int status = 200;
    private volatile String retryAfter;
    private volatile String answer = "ok";
    private volatile boolean hang;

    public WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
            received.add(new Received(headers, body));
            if (hang) {
                try {
                    released.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
                return;
            }
            if (retryAfter != null) {
                exchange.getResponseHeaders().add("Retry-After", retryAfter);
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public WebhookReceiver answers(int status, String body) {
        this.status = status;
        this.answer = body;
        this.retryAfter = null;
        return this;
    }

    public WebhookReceiver retryAfter(String value) {
        this.retryAfter = value;
        return this;
    }

    public WebhookReceiver hangs() {
        this.hang = true;
        return this;
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
    }
}
