package io.callscheduler.localcloud.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.callscheduler.emulators.DaemonThreads;
import io.callscheduler.localhttp.HttpServers;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves the web page's files as the S3 website bucket does on AWS: GET and HEAD only, {@code index.html}
 * for a directory, 404 for anything else. {@code /config.js} is generated (on AWS it is written at deploy
 * time from the stack outputs) so the page finds the API: under the same host name the page was requested
 * with, so that a page opened at 127.0.0.1 calls the API at 127.0.0.1, not localhost.
 */
public final class WebsiteServer implements AutoCloseable {
    public static final String CONFIG_PATH = "/config.js";
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "mjs", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "json", "application/json",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "webmanifest", "application/manifest+json",
            "txt", "text/plain; charset=utf-8");

    private final HttpServer server;
    private final ExecutorService executor;
    /** A host name or an IP literal as a Host header may carry it; anything else is not echoed into the page. */
    private static final java.util.regex.Pattern HOST_NAME = java.util.regex.Pattern.compile(
            "[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]{2,45}\\]");
    private final Path root;
    private final int apiPort;

    private WebsiteServer(HttpServer server, ExecutorService executor, Path root, int apiPort) {
        this.server = server;
        this.executor = executor;
        this.root = root;
        this.apiPort = apiPort;
    }

    /**
     * @param root    the directory of the page ({@code web/})
     * @param apiPort the API's port; the page calls it on the host name it was itself loaded from
     * @throws IllegalArgumentException when {@code root} is not a directory
     * @throws java.net.BindException   when the port is taken
     */
    public static WebsiteServer start(String host, int port, Path root, int apiPort) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("web page directory not found: " + root.toAbsolutePath());
        }
        HttpServer server = HttpServers.create(host, port, 64);
        ExecutorService executor = Executors.newFixedThreadPool(8, DaemonThreads.named("website"));
        WebsiteServer website = new WebsiteServer(server, executor, root.toAbsolutePath().normalize(), apiPort);
        server.createContext("/", website::serve);
        server.setExecutor(executor);
        server.start();
        return website;
    }

    /** The config file the page loads before its scripts; deploys write the same shape. */
    public static String configScript(String apiBaseUrl) {
        String quoted = apiBaseUrl.replace("\\", "\\\\").replace("\"", "\\\"");
        return "window.CALL_SCHEDULER_CONFIG = { apiBaseUrl: \"" + quoted + "\" };\n";
    }

    /** The address this server listens on. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    public URI uri() {
        return URI.create("http://localhost:" + server.getAddress().getPort());
    }

    private void serve(HttpExchange exchange) {
        try (exchange) {
            addSecurityHeaders(exchange);
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain; charset=utf-8", "Method Not Allowed\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String path = URLDecoder.decode(exchange.getRequestURI().getRawPath(), StandardCharsets.UTF_8);
            if (path.equals(CONFIG_PATH)) {
                String apiBaseUrl = "http://" + requestedHostName(exchange) + ":" + apiPort;
                send(exchange, 200, CONTENT_TYPES.get("js"), configScript(apiBaseUrl).getBytes(StandardCharsets.UTF_8));
                return;
            }
            Path file = root.resolve(path.substring(1)).normalize();
            if (Files.isDirectory(file)) {
                file = file.resolve("index.html");
            }
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                send(exchange, 404, "text/plain; charset=utf-8", "Not Found\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            send(exchange, 200, contentType(file), Files.readAllBytes(file));
        } catch (IOException | RuntimeException e) {
            System.getLogger(WebsiteServer.class.getName()).log(System.Logger.Level.WARNING,
                    "web request " + exchange.getRequestURI() + " failed", e);
        }
    }

    /**
     * What CloudFront's SecurityHeadersPolicy adds on AWS, but HSTS (browsers ignore it over http, and one that
     * reached them through an https tunnel would pin the host name to https for a year), plus the page's
     * Content-Security-Policy: its own files, and the API under the host name the page was loaded from.
     */
    private void addSecurityHeaders(HttpExchange exchange) {
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Security-Policy", contentSecurityPolicy("http://" + requestedHostName(exchange) + ":" + apiPort));
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "SAMEORIGIN");
        headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
        headers.set("X-XSS-Protection", "1; mode=block");
    }

    /**
     * The page's policy (template.yaml's WebsitePolicy sends the same on AWS): scripts, styles and images from
     * its own origin only (no inline code: the page has none), requests to itself and the API, no plugins, no
     * other base URL or form target, framed by itself only.
     */
    public static String contentSecurityPolicy(String apiOrigin) {
        return "default-src 'self'; connect-src 'self' " + apiOrigin + "; object-src 'none'; base-uri 'self'; "
                + "form-action 'self'; frame-ancestors 'self'";
    }

    /** The host name of the request's Host header (without its port), or localhost when it has none usable. */
    static String requestedHostName(HttpExchange exchange) {
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host == null) {
            return "localhost";
        }
        String name = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1)
                : host.contains(":") ? host.substring(0, host.indexOf(':')) : host;
        return HOST_NAME.matcher(name).matches() ? name : "localhost";
    }

    private static String contentType(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return CONTENT_TYPES.getOrDefault(dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT),
                "application/octet-stream");
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        // The page is edited while the local cloud runs; never serve a stale copy.
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
