package io.callscheduler.localhttp;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates the JDK HTTP servers the local cloud runs (the AWS endpoint, the API, the page server and the Call API
 * simulator), all guarded the same way:
 * <ul>
 *   <li>each answers only to the names of the address it listens on ({@link AllowedHosts}), which shuts out
 *       DNS rebinding from a web page;</li>
 *   <li>a request must arrive whole, headers and body, within {@value #REQUEST_SECONDS} s of its first byte,
 *       or its connection is closed: the JDK reads bodies in worker threads, and a stalled upload would hold
 *       one for as long as the client liked ({@code sun.net.httpserver.maxReqTime});</li>
 *   <li>TCP_NODELAY on every connection: the JDK leaves Nagle's algorithm on, so on a kept-alive connection
 *       (browsers, the AWS SDKs, {@code java.net.http}) each response after the first would wait about 40 ms
 *       for the client's delayed ACK ({@code sun.net.httpserver.nodelay}).</li>
 * </ul>
 * The JDK reads both properties once, when its server implementation first loads, so they are set here, before
 * any server of this JVM is created; a value given on the command line wins.
 */
public final class HttpServers {
    static final String NO_DELAY = "sun.net.httpserver.nodelay";
    static final String MAX_REQUEST_TIME = "sun.net.httpserver.maxReqTime";
    /** Seconds a client has to send a whole request: local bodies are kilobytes, which take milliseconds. */
    static final int REQUEST_SECONDS = 5;

    static {
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
        if (System.getProperty(MAX_REQUEST_TIME) == null) {
            System.setProperty(MAX_REQUEST_TIME, String.valueOf(REQUEST_SECONDS));
        }
    }

    private HttpServers() {
    }

    /**
     * An unstarted server bound to {@code host:port} (port 0 picks a free one) that answers only to the names
     * of {@code host}.
     */
    public static HttpServer create(String host, int port, int backlog) throws IOException {
        return new HostCheckedServer(HttpServer.create(new InetSocketAddress(host, port), backlog),
                AllowedHosts.forBinding(host));
    }

    /**
     * Worker threads for a server: a new one for each request up to {@code max}, none queued. The JDK's server
     * reads a request in its worker, so a queue would let slow clients hold up the requests behind them; past
     * {@code max} at once, the JDK closes the newest connection instead.
     */
    public static ExecutorService workers(String name, int max) {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(0, max, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
