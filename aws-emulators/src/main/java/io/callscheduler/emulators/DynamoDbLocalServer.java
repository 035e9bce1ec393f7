package io.callscheduler.emulators;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import io.callscheduler.emulators.usage.AwsUsage;
import io.callscheduler.emulators.usage.DynamoDbMeter;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real DynamoDB Local, started in this JVM as an HTTP server, with one database for every key and region,
 * listening on one address only (loopback by default), never on every interface as its own launcher does.
 */
public final class DynamoDbLocalServer implements AutoCloseable {
    public static final String LOOPBACK = "127.0.0.1";
    private final DynamoDBProxyServer server;
    private final ServerConnector connector;
    private final int port;

    private DynamoDbLocalServer(DynamoDBProxyServer server, ServerConnector connector, int port) {
        this.server = server;
        this.connector = connector;
        this.port = port;
    }

    /** In memory: for tests. */
    public static DynamoDbLocalServer startInMemory() throws Exception {
        return start(LOOPBACK, freePort(), null);
    }

    /**
     * @param host      the address to listen on
     * @param port      the port to listen on (DynamoDB Local refuses port 0)
     * @param directory where the database file lives, or null for in-memory
     */
    public static DynamoDbLocalServer start(String host, int port, Path directory) throws Exception {
        return start(host, port, directory, null);
    }

    /**
     * As {@link #start(String, int, Path)}, with every request it serves counted into {@code usage} (null:
     * not counted).
     */
    public static DynamoDbLocalServer start(String host, int port, Path directory, AwsUsage usage) throws Exception {
        String[] storage;
        if (directory == null) {
            storage = new String[]{"-inMemory"};
        } else {
            Files.createDirectories(directory);
            storage = new String[]{"-dbPath", directory.toString()};
        }
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("-port", Integer.toString(port)));
        args.addAll(java.util.List.of(storage));
        // One database whatever the access key and region, so the SDK, the CLI and tests see the same tables;
        // no telemetry file in the working directory.
        args.addAll(java.util.List.of("-sharedDb", "-disableTelemetry"));
        DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
        Server jetty = jettyOf(server);
        ServerConnector connector = (ServerConnector) jetty.getConnectors()[0];
        connector.setHost(host); // its launcher has no option for this: Jetty's default is every interface
        if (usage != null) {
            jetty.setHandler(new DynamoDbMeter(jetty.getHandler(), usage));
        }
        jetty.setHandler(new DynamoDbHostGuard(jetty.getHandler(), io.callscheduler.localhttp.AllowedHosts.forBinding(host)));
        server.start();
        return new DynamoDbLocalServer(server, connector, port);
    }

    /** The Jetty server DynamoDB Local creates but does not expose; set up before it starts. */
    private static Server jettyOf(DynamoDBProxyServer proxy) throws ReflectiveOperationException {
        Field field = DynamoDBProxyServer.class.getDeclaredField("server");
        field.setAccessible(true);
        return (Server) field.get(proxy);
    }

    /** The address the server actually listens on. */
    public InetSocketAddress boundAddress() throws IOException {
        return (InetSocketAddress) ((ServerSocketChannel) connector.getTransport()).getLocalAddress();
    }

    public URI uri() {
        String bound = connector.getHost();
        String host = bound == null || "0.0.0.0".equals(bound) || "::".equals(bound) ? LOOPBACK : bound; // reachable from here
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port);
    }

    public int port() {
        return port;
    }

    /** Ports {@link #freePort()} gave out in this JVM. */
    private static final Set<Integer> GIVEN_OUT = ConcurrentHashMap.newKeySet();

    /**
     * A port that was free a moment ago and was not given out before in this JVM: the kernel may offer a port it just
     * freed again at once, so two servers starting side by side could otherwise be given the same one.
     */
    public static int freePort() throws IOException {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0)) {
                socket.setReuseAddress(true);
                if (GIVEN_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            }
        }
    }

    /**
     * Creates a table from the {@code Properties} of a CloudFormation {@code AWS::DynamoDB::Table} (their
     * key, attribute, index and billing fields are CreateTable's own; {@code StreamSpecification} gains the
     * {@code StreamEnabled} CreateTable wants), unless it exists already.
     *
     * @return true when the table was created, false when it existed
     */
    public boolean createTable(String tableName, com.fasterxml.jackson.databind.JsonNode cloudFormationProperties)
            throws IOException, InterruptedException {
        var request = HttpJson.MAPPER.createObjectNode();
        request.put("TableName", tableName);
        for (String field : java.util.List.of("AttributeDefinitions", "KeySchema", "GlobalSecondaryIndexes",
                "LocalSecondaryIndexes", "BillingMode", "ProvisionedThroughput")) {
            if (cloudFormationProperties.has(field)) {
                request.set(field, cloudFormationProperties.get(field));
            }
        }
        if (!request.has("BillingMode")) {
            request.put("BillingMode", "PAY_PER_REQUEST");
        }
        String streamViewType = cloudFormationProperties.path("StreamSpecification").path("StreamViewType").asText(null);
        if (streamViewType != null) {
            request.putObject("StreamSpecification").put("StreamEnabled", true).put("StreamViewType", streamViewType);
        }
        var response = send("CreateTable", request);
        if (response.statusCode() == 200) {
            return true;
        }
        if (response.body().contains("ResourceInUseException")) {
            addMissingIndexes(tableName, request);
            if (streamViewType != null) {
                enableMissingStream(tableName, streamViewType);
            }
            return false;
        }
        throw new IOException("CreateTable " + tableName + " failed: " + response.statusCode() + " " + response.body());
    }

    /**
     * Adds to a table kept from an earlier run the global secondary indexes the template has gained since, one
     * UpdateTable each (DynamoDB's rule), so that a new version's Queries find them instead of failing.
     */
    private void addMissingIndexes(String tableName, com.fasterxml.jackson.databind.node.ObjectNode wanted)
            throws IOException, InterruptedException {
        var describe = HttpJson.MAPPER.createObjectNode().put("TableName", tableName);
        var described = send("DescribeTable", describe);
        if (described.statusCode() != 200) {
            throw new IOException("DescribeTable " + tableName + " failed: " + described.statusCode() + " " + described.body());
        }
        java.util.Set<String> existing = new java.util.HashSet<>();
        HttpJson.MAPPER.readTree(described.body()).path("Table").path("GlobalSecondaryIndexes")
                .forEach(index -> existing.add(index.path("IndexName").asText()));
        for (var index : wanted.path("GlobalSecondaryIndexes")) {
            if (existing.contains(index.path("IndexName").asText())) {
                continue;
            }
            var update = HttpJson.MAPPER.createObjectNode().put("TableName", tableName);
            update.set("AttributeDefinitions", wanted.get("AttributeDefinitions"));
            update.putArray("GlobalSecondaryIndexUpdates").addObject().set("Create", index);
            var response = send("UpdateTable", update);
            if (response.statusCode() != 200) {
                throw new IOException("Adding index " + index.path("IndexName").asText() + " to " + tableName
                        + " failed: " + response.statusCode() + " " + response.body());
            }
        }
    }

    /** Turns on the stream the template has gained since a table was kept from an earlier run. */
    private void enableMissingStream(String tableName, String streamViewType) throws IOException, InterruptedException {
        var described = send("DescribeTable", HttpJson.MAPPER.createObjectNode().put("TableName", tableName));
        var stream = HttpJson.MAPPER.readTree(described.body()).path("Table").path("StreamSpecification");
        if (stream.path("StreamEnabled").asBoolean(false)) {
            return; // a different view type is CloudFormation's replacement of the stream: left to a fresh data directory
        }
        var update = HttpJson.MAPPER.createObjectNode().put("TableName", tableName);
        update.putObject("StreamSpecification").put("StreamEnabled", true).put("StreamViewType", streamViewType);
        var response = send("UpdateTable", update);
        if (response.statusCode() != 200) {
            throw new IOException("Enabling the stream of " + tableName + " failed: " + response.statusCode() + " " + response.body());
        }
    }

    private java.net.http.HttpResponse<String> send(String operation, com.fasterxml.jackson.databind.JsonNode request)
            throws IOException, InterruptedException {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(uri())
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "DynamoDB_20120810." + operation)
                // DynamoDB Local reads, but does not check, the signature's credential scope.
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, "
                        + "SignedHeaders=host, Signature=0")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(request.toString())).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
