package io.callscheduler.emulators;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.callscheduler.localhttp.HttpServers;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One HTTP port for every emulated service, as LocalStack does: each request is routed by the service name
 * in its SigV4 credential scope ({@code Credential=KEY/DATE/REGION/SERVICE/aws4_request}). By default, as
 * LocalStack, any credentials do and signatures are not verified; {@link #requireCredentials} makes it accept
 * only requests signed with one key pair. Unsigned requests, and requests for a service not mounted, get an
 * AWS-style error. It answers only to its own host names ({@link HttpServers}).
 */
public final class AwsEndpoint implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(AwsEndpoint.class.getName());
    private static final Pattern SCOPE = Pattern.compile("Credential=[^/]+/\\d{8}/([^/]+)/([^/]+)/aws4_request");

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, AwsService> services = new ConcurrentHashMap<>();
    private volatile Credentials required;

    /** An access key id and its secret. */
    public record Credentials(String accessKeyId, String secretAccessKey) {
    }

    private AwsEndpoint(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Starts listening on {@code host:port} (port 0 picks a free one).
     *
     * @throws BindException when the port is taken
     */
    public static AwsEndpoint start(String host, int port) throws IOException {
        HttpServer server = HttpServers.create(host, port, 256);
        ExecutorService executor = HttpServers.workers("aws-endpoint", 512);
        AwsEndpoint endpoint = new AwsEndpoint(server, executor);
        server.createContext("/", endpoint::route);
        server.setExecutor(executor);
        server.start();
        return endpoint;
    }

    /** Mounts a service; requests signed for its signing name go to it. */
    public AwsEndpoint mount(AwsService service) {
        services.put(service.signingName(), service);
        return this;
    }

    /**
     * From now on, accepts only requests whose SigV4 signature was made with these credentials: another access
     * key gets {@code UnrecognizedClientException}, a wrong secret {@code InvalidSignatureException} (403).
     */
    public AwsEndpoint requireCredentials(Credentials credentials) {
        this.required = credentials;
        return this;
    }

    /** The address this server listens on. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    public URI uri() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void route(HttpExchange exchange) {
        try (exchange) {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            Matcher scope = authorization == null ? null : SCOPE.matcher(authorization);
            if (scope == null || !scope.find()) {
                HttpJson.sendError(exchange, new AwsError(403, "MissingAuthenticationTokenException",
                        "request is not SigV4-signed; use an AWS SDK or the AWS CLI with --endpoint-url"));
                return;
            }
            AwsError refused = checkCredentials(exchange, authorization);
            if (refused != null) {
                HttpJson.sendError(exchange, refused);
                return;
            }
            AwsService service = services.get(scope.group(2));
            if (service == null) {
                HttpJson.sendError(exchange, new AwsError(400, "UnknownServiceException",
                        "service '" + scope.group(2) + "' is not emulated here; available: " + services.keySet()));
                return;
            }
            try {
                service.handle(exchange);
            } catch (AwsError e) {
                HttpJson.sendError(exchange, e);
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "request " + exchange.getRequestURI() + " failed", e);
            try {
                HttpJson.sendError(exchange, new AwsError(500, "InternalFailure", String.valueOf(e.getMessage())));
            } catch (IOException | RuntimeException ignored) {
                // response already started; the client sees a broken response
            }
        }
    }

    /** Why the request is refused when credentials are required, or null; the body read is put back for the service. */
    private AwsError checkCredentials(HttpExchange exchange, String authorization) throws IOException {
        Credentials credentials = required;
        if (credentials == null) {
            return null;
        }
        SigV4Signature.Parsed auth = SigV4Signature.Parsed.of(authorization);
        if (auth == null || !auth.accessKeyId().equals(credentials.accessKeyId())) {
            return new AwsError(403, "UnrecognizedClientException", "The security token included in the request is invalid."
                    + " This endpoint was started with --require-aws-credentials: use the access key it printed.");
        }
        byte[] body = exchange.getRequestBody().readAllBytes();
        exchange.setStreams(new ByteArrayInputStream(body), null);
        if (!SigV4Signature.matches(auth, credentials.secretAccessKey(), exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(),
                exchange.getRequestHeaders(), body)) {
            return new AwsError(403, "InvalidSignatureException", "The request signature we calculated does not match"
                    + " the signature you provided. Check your AWS Secret Access Key and signing method.");
        }
        return null;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
