package io.callscheduler.localhttp;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;

/**
 * A JDK server whose every context refuses a foreign {@code Host} before its handler runs: 421 Misdirected
 * Request with a short text, the body left unread, the connection closed. Wrapping the server (rather than
 * adding a filter where each context is made) means no context can be added without the check.
 */
final class HostCheckedServer extends HttpServer {
    private static final String REFUSAL = "Misdirected Request: this local server answers only to its own names"
            + " (localhost, 127.0.0.1, [::1], the address it listens on), not to the Host this request names.\n";
    private final HttpServer server;
    private final Filter hostCheck;

    HostCheckedServer(HttpServer server, AllowedHosts allowed) {
        this.server = server;
        this.hostCheck = new Filter() {
            @Override
            public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
                if (allowed.allows(exchange.getRequestHeaders().getFirst("Host"))) {
                    chain.doFilter(exchange);
                } else {
                    refuse(exchange);
                }
            }

            @Override
            public String description() {
                return "answers only to " + allowed.names();
            }
        };
    }

    private static void refuse(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = REFUSAL.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.getResponseHeaders().set("Connection", "close");
            exchange.sendResponseHeaders(421, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public HttpContext createContext(String path, HttpHandler handler) {
        HttpContext context = server.createContext(path, handler);
        context.getFilters().add(hostCheck);
        return context;
    }

    @Override
    public HttpContext createContext(String path) {
        HttpContext context = server.createContext(path);
        context.getFilters().add(hostCheck);
        return context;
    }

    @Override
    public void bind(InetSocketAddress address, int backlog) throws IOException {
        server.bind(address, backlog);
    }

    @Override
    public void start() {
        server.start();
    }

    @Override
    public void setExecutor(Executor executor) {
        server.setExecutor(executor);
    }

    @Override
    public Executor getExecutor() {
        return server.getExecutor();
    }

    @Override
    public void stop(int delay) {
        server.stop(delay);
    }

    @Override
    public void removeContext(String path) {
        server.removeContext(path);
    }

    @Override
    public void removeContext(HttpContext context) {
        server.removeContext(context);
    }

    @Override
    public InetSocketAddress getAddress() {
        return server.getAddress();
    }
}
