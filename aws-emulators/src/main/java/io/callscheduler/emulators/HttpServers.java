package io.callscheduler.emulators;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Creates the JDK HTTP servers the local cloud runs, with TCP_NODELAY on their connections.
 *
 * <p>The JDK's server leaves Nagle's algorithm on, so on a kept-alive connection (browsers, the AWS SDKs,
 * {@code java.net.http}) each response after the first waits about 40 ms for the client's delayed ACK.
 * The JDK reads {@code sun.net.httpserver.nodelay} once, when its server implementation first loads, so it
 * is set here, before any server of this JVM is created.
 */
public final class HttpServers {
    static final String NO_DELAY = "sun.net.httpserver.nodelay";

    static {
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
    }

    private HttpServers() {
    }

    /** An unstarted server bound to {@code host:port} (port 0 picks a free one). */
    public static HttpServer create(String host, int port, int backlog) throws IOException {
        return HttpServer.create(new InetSocketAddress(host, port), backlog);
    }
}
