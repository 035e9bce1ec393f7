package io.callscheduler.localcloud.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.callscheduler.localhttp.HttpServers;
import io.callscheduler.entrypoints.AllowedOrigins;
import io.callscheduler.emulators.HttpJson;
import io.callscheduler.localcloud.template.SamTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;

/**
 * API Gateway (REST API, Lambda proxy integration) for local use, as {@code sam local start-api} serves it:
 * routes from the template, each request turned into the proxy event API Gateway sends, the function's
 * response turned back into HTTP. Preflight {@code OPTIONS} requests are answered from the template's
 * {@code Cors}, as API Gateway's generated mock integration does. An unknown route answers 403
 * {@code Missing Authentication Token} and a failed function 502, as API Gateway does. A route that requires
 * an API key answers 403 {@code Forbidden} without the right {@code x-api-key}, as API Gateway does.
 */
public final class LocalApiGateway implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LocalApiGateway.class.getName());
    private static final ObjectMapper JSON = HttpJson.MAPPER;
    /** API Gateway's payload limit. */
    private static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
    private static final DateTimeFormatter REQUEST_TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);

    /** Runs a function with a payload and returns its response payload; throws on a function error. */
    @FunctionalInterface
    public interface Invoker {
        byte[] invoke(String functionName, byte[] payload) throws Exception;
    }

    /** A route bound to the function that serves it, and whether it requires the API key. */
    public record Binding(String method, String resourcePath, String functionName, boolean apiKeyRequired) {
        public Binding(String method, String resourcePath, String functionName) {
            this(method, resourcePath, functionName, false);
        }

        /** The template function's {@code Api} events, each bound to the function, with the API's key setting. */
        public static List<Binding> of(SamTemplate.Function function, SamTemplate.Api api) {
            return function.routes().stream().map(route -> new Binding(route.method(), route.path(), function.name(),
                    api.apiKeyRequired(route))).toList();
        }

        Map<String, String> match(String method, String path) {
            if (!this.method.equals(method) && !this.method.equals("ANY")) {
                return null;
            }
            return matchPath(path);
        }

        Map<String, String> matchPath(String path) {
            String[] template = resourcePath.split("/");
            String[] actual = path.split("/", -1);
            if (template.length != actual.length) {
                return null;
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            for (int i = 0; i < template.length; i++) {
                if (template[i].startsWith("{") && template[i].endsWith("}")) {
                    if (actual[i].isEmpty()) {
                        return null;
                    }
                    // A path's "+" is a plus (API Gateway's too), not a form's space: "/suppressions/+1415..." is a number.
                    parameters.put(template[i].substring(1, template[i].length() - 1),
                            URLDecoder.decode(actual[i].replace("+", "%2B"), StandardCharsets.UTF_8));
                } else if (!template[i].equals(actual[i])) {
                    return null;
                }
            }
            return parameters;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Binding> bindings;
    private final SamTemplate.Api api;
    private final Invoker invoker;
    private final String account;
    /** The key a route that requires one must be sent ({@code x-api-key}); null to check none, as sam local does. */
    private final byte[] apiKey;

    /** The template's origin settings (CORS, gateway responses), each parsed once. */
    private final Map<String, AllowedOrigins> originSettings = new java.util.concurrent.ConcurrentHashMap<>();

    private LocalApiGateway(HttpServer server, ExecutorService executor, List<Binding> bindings, SamTemplate.Api api,
                            Invoker invoker, String account, String apiKey) {
        this.server = server;
        this.executor = executor;
        // As API Gateway does, a literal path (/calls/counts) wins over a parameter (/calls/{id}).
        this.bindings = bindings.stream().sorted(java.util.Comparator.comparingLong(
                b -> b.resourcePath().chars().filter(c -> c == '{').count())).toList();
        this.api = api;
        this.invoker = invoker;
        this.account = account;
        this.apiKey = apiKey == null ? null : apiKey.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Starts serving on {@code host:port}.
     *
     * @throws java.net.BindException when the port is taken
     */
    public static LocalApiGateway start(String host, int port, List<Binding> bindings, SamTemplate.Api api,
                                        Invoker invoker, String account) throws IOException {
        return start(host, port, bindings, api, invoker, account, null);
    }

    /**
     * Starts serving on {@code host:port}; the routes that require a key answer 403 without this one.
     *
     * @param apiKey the API key, or null to check none (as {@code sam local start-api})
     * @throws java.net.BindException when the port is taken
     */
    public static LocalApiGateway start(String host, int port, List<Binding> bindings, SamTemplate.Api api,
                                        Invoker invoker, String account, String apiKey) throws IOException {
        HttpServer server = HttpServers.create(host, port, 512);
        // A worker per request (each blocks on its function), none queued: 200 stalled uploads must not hold
        // up the next request while they wait for the server's read deadline.
        ExecutorService executor = HttpServers.workers("api", 512);
        LocalApiGateway gateway = new LocalApiGateway(server, executor, bindings, api, invoker, account, apiKey);
        server.createContext("/", gateway::serve);
        server.setExecutor(executor);
        server.start();
        return gateway;
    }

    /**
     * A page of the local cloud's own beside the API's routes (as {@code /_local/metrics}): GET answers
     * {@code content()} as JSON. No key: it is not an API route, and the local cloud listens on loopback.
     */
    public void addLocalPage(String path, java.util.function.Supplier<Object> content) {
        server.createContext(path, exchange -> {
            try (exchange) {
                if (!exchange.getRequestMethod().equals("GET")) {
                    sendError(exchange, 405, "MethodNotAllowed", "GET only");
                    return;
                }
                HttpJson.send(exchange, 200, JSON.valueToTree(content.get()));
            }
        });
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
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String path = exchange.getRequestURI().getRawPath();
            if (method.equals("OPTIONS") && api.cors() != null && bindings.stream().anyMatch(b -> b.matchPath(path) != null)) {
                preflight(exchange);
                return;
            }
            for (Binding binding : bindings) {
                Map<String, String> pathParameters = binding.match(method, path);
                if (pathParameters != null) {
                    if (binding.apiKeyRequired() && !hasApiKey(exchange)) {
                        // API Gateway's answer to a missing or wrong key; the same for both, so it tells a guesser nothing.
                        sendError(exchange, 403, "ForbiddenException", "Forbidden");
                        return;
                    }
                    byte[] body = readBody(exchange);
                    if (body == null) {
                        sendError(exchange, 413, "RequestTooLongException", "Request Too Long");
                        return;
                    }
                    proxy(exchange, binding, pathParameters, body);
                    return;
                }
            }
            sendError(exchange, 403, "MissingAuthenticationTokenException", "Missing Authentication Token");
        } catch (IOException e) {
            // The client's connection failed or was closed for missing the read deadline: nothing of ours broke.
            LOG.log(System.Logger.Level.DEBUG, "API request " + exchange.getRequestURI() + ": connection lost: " + e);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "API request " + exchange.getRequestURI() + " failed", e);
        }
    }

    private boolean hasApiKey(HttpExchange exchange) {
        if (apiKey == null) {
            return true;
        }
        String sent = exchange.getRequestHeaders().getFirst("x-api-key");
        return sent != null && java.security.MessageDigest.isEqual(apiKey, sent.getBytes(StandardCharsets.UTF_8));
    }

    private void preflight(HttpExchange exchange) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        SamTemplate.Cors cors = api.cors();
        headers.set("Access-Control-Allow-Origin", allowOrigin(exchange, cors.allowOrigin()));
        if (cors.allowMethods() != null) {
            headers.set("Access-Control-Allow-Methods", cors.allowMethods());
        }
        if (cors.allowHeaders() != null) {
            headers.set("Access-Control-Allow-Headers", cors.allowHeaders());
        }
        if (cors.maxAge() != null) {
            headers.set("Access-Control-Max-Age", cors.maxAge());
        }
        exchange.sendResponseHeaders(200, -1);
    }

    private void proxy(HttpExchange exchange, Binding binding, Map<String, String> pathParameters, byte[] body)
            throws IOException {
        JsonNode response;
        try {
            byte[] payload = invoker.invoke(binding.functionName(), JSON.writeValueAsBytes(
                    event(exchange, binding, pathParameters, body)));
            response = JSON.readTree(payload);
        } catch (Exception e) {
            LOG.log(System.Logger.Level.ERROR, binding.functionName() + " failed", e);
            sendError(exchange, 502, "InternalServerErrorException", "Internal server error");
            return;
        }
        if (response == null || !response.path("statusCode").canConvertToInt()) {
            LOG.log(System.Logger.Level.ERROR, binding.functionName() + " returned a malformed proxy response: " + response);
            sendError(exchange, 502, "InternalServerErrorException", "Internal server error");
            return;
        }
        Headers headers = exchange.getResponseHeaders();
        response.path("headers").fields().forEachRemaining(h -> headers.set(h.getKey(), h.getValue().asText()));
        response.path("multiValueHeaders").fields().forEachRemaining(h -> {
            headers.remove(h.getKey());
            h.getValue().forEach(v -> headers.add(h.getKey(), v.asText()));
        });
        JsonNode bodyNode = response.get("body");
        byte[] out = bodyNode == null || bodyNode.isNull() ? new byte[0]
                : response.path("isBase64Encoded").asBoolean(false) ? Base64.getDecoder().decode(bodyNode.asText())
                : bodyNode.asText().getBytes(StandardCharsets.UTF_8);
        int status = response.get("statusCode").asInt();
        exchange.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
        if (out.length > 0) {
            try (OutputStream stream = exchange.getResponseBody()) {
                stream.write(out);
            }
        }
    }

    /** The REST API proxy event, with the fields {@code sam local start-api} fills. */
    private ObjectNode event(HttpExchange exchange, Binding binding, Map<String, String> pathParameters, byte[] body) {
        ObjectNode event = JSON.createObjectNode();
        String path = exchange.getRequestURI().getRawPath();
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        event.put("version", "1.0");
        event.put("resource", binding.resourcePath());
        event.put("path", path);
        event.put("httpMethod", method);
        ObjectNode headers = event.putObject("headers");
        ObjectNode multiHeaders = event.putObject("multiValueHeaders");
        exchange.getRequestHeaders().forEach((name, values) -> {
            headers.put(name, values.get(values.size() - 1));
            values.forEach(multiHeaders.putArray(name)::add);
        });
        headers.put("X-Forwarded-Proto", "http");
        headers.put("X-Forwarded-Port", Integer.toString(server.getAddress().getPort()));
        Map<String, List<String>> query = query(exchange.getRequestURI().getRawQuery());
        if (query.isEmpty()) {
            event.putNull("queryStringParameters");
            event.putNull("multiValueQueryStringParameters");
        } else {
            ObjectNode single = event.putObject("queryStringParameters");
            ObjectNode multi = event.putObject("multiValueQueryStringParameters");
            query.forEach((name, values) -> {
                single.put(name, values.get(values.size() - 1));
                values.forEach(multi.putArray(name)::add);
            });
        }
        if (pathParameters.isEmpty()) {
            event.putNull("pathParameters");
        } else {
            ObjectNode parameters = event.putObject("pathParameters");
            pathParameters.forEach(parameters::put);
        }
        event.putNull("stageVariables");
        ObjectNode context = event.putObject("requestContext");
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        context.put("accountId", account);
        context.put("apiId", "local");
        context.put("resourceId", "local");
        context.put("resourcePath", binding.resourcePath());
        context.put("httpMethod", method);
        // The local API has no stage prefix in its URLs, so (as with sam local) neither has this path.
        context.put("path", path);
        context.put("stage", api.stageName());
        context.put("protocol", exchange.getProtocol());
        context.put("requestId", UUID.randomUUID().toString());
        context.put("extendedRequestId", UUID.randomUUID().toString());
        context.put("requestTime", REQUEST_TIME.format(now));
        context.put("requestTimeEpoch", now.toInstant().toEpochMilli());
        context.put("domainName", exchange.getRequestHeaders().getFirst("Host"));
        ObjectNode identity = context.putObject("identity");
        identity.put("sourceIp", exchange.getRemoteAddress().getAddress().getHostAddress());
        identity.put("userAgent", exchange.getRequestHeaders().getFirst("User-Agent"));
        if (body.length == 0) {
            event.putNull("body");
            event.put("isBase64Encoded", false);
        } else if (isText(exchange.getRequestHeaders().getFirst("Content-Type"))) {
            event.put("body", new String(body, StandardCharsets.UTF_8));
            event.put("isBase64Encoded", false);
        } else {
            event.put("body", Base64.getEncoder().encodeToString(body));
            event.put("isBase64Encoded", true);
        }
        return event;
    }

    private static boolean isText(String contentType) {
        return contentType == null || contentType.startsWith("text/") || contentType.contains("json")
                || contentType.contains("xml") || contentType.contains("x-www-form-urlencoded");
    }

    /** The body, or null when it exceeds API Gateway's limit. */
    private static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            return body.length > MAX_BODY_BYTES ? null : body;
        }
    }

    private static Map<String, List<String>> query(String rawQuery) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return query;
    }

    /**
     * One origin from the template's setting for this request: several are allowed locally (the page as
     * localhost and as 127.0.0.1), and the request's own is echoed when it is one of them.
     */
    private String allowOrigin(HttpExchange exchange, String setting) {
        exchange.getResponseHeaders().add("Vary", "Origin");
        return originSettings.computeIfAbsent(setting, AllowedOrigins::new)
                .allowOriginFor(exchange.getRequestHeaders().getFirst("Origin"));
    }

    /** An error as API Gateway itself answers it (not the function), with the template's gateway-response headers. */
    private void sendError(HttpExchange exchange, int status, String errorType, String message) throws IOException {
        api.gatewayResponseHeaders(status).forEach((name, value) -> exchange.getResponseHeaders().set(name,
                name.equalsIgnoreCase("Access-Control-Allow-Origin") ? allowOrigin(exchange, value) : value));
        exchange.getResponseHeaders().set("x-amzn-ErrorType", errorType);
        HttpJson.send(exchange, status, JSON.createObjectNode().put("message", message));
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
