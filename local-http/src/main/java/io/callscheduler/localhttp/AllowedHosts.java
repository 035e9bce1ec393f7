package io.callscheduler.localhttp;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code Host} names a local server answers to: the names of the address it listens on, so that a web page
 * that rebinds its own DNS name to 127.0.0.1 (DNS rebinding) cannot reach it, whatever the port.
 *
 * <ul>
 *   <li>always {@code localhost}, {@code 127.0.0.1}, {@code [::1]} and any {@code *.localhost} (browsers resolve
 *       those to loopback themselves, RFC 6761, so no DNS answer can point them elsewhere);</li>
 *   <li>the address bound to, when it is another one ({@code --host 192.168.1.5});</li>
 *   <li>on a wildcard address ({@code 0.0.0.0}, {@code ::}), every address of this machine's interfaces and its
 *       host name.</li>
 * </ul>
 * The port in the header is not compared: the name is what a rebinding attack cannot forge.
 */
public final class AllowedHosts {
    private final Set<String> names;

    private AllowedHosts(Set<String> names) {
        this.names = Set.copyOf(names);
    }

    /** The names of {@code bindHost}, the address a server listens on. */
    public static AllowedHosts forBinding(String bindHost) {
        Set<String> names = new LinkedHashSet<>(Set.of("localhost", "127.0.0.1", "[::1]"));
        String bound = normalize(bindHost);
        if (bound.equals("0.0.0.0") || bound.equals("[::]") || bound.equals("[0:0:0:0:0:0:0:0]")) {
            names.addAll(machineNames());
        } else {
            names.add(bound);
        }
        return new AllowedHosts(names);
    }

    /** Whether a request with this {@code Host} header (null when absent) is for this server. */
    public boolean allows(String hostHeader) {
        if (hostHeader == null) {
            return false; // HTTP/1.1 requires it, and every browser sends it
        }
        String name = normalize(withoutPort(hostHeader.strip()));
        return names.contains(name) || (name.endsWith(".localhost") && name.length() > ".localhost".length());
    }

    /** The accepted names, for messages. */
    public Set<String> names() {
        return names;
    }

    private static String withoutPort(String host) {
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(0, end + 1);
        }
        int colon = host.indexOf(':');
        return colon < 0 || colon != host.lastIndexOf(':') ? host : host.substring(0, colon);
    }

    /** Lower case, IPv6 literals in brackets. */
    private static String normalize(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        return lower.contains(":") && !lower.startsWith("[") ? "[" + lower + "]" : lower;
    }

    private static Set<String> machineNames() {
        Set<String> names = new LinkedHashSet<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    String literal = address.getHostAddress();
                    int zone = literal.indexOf('%');
                    names.add(normalize(zone < 0 ? literal : literal.substring(0, zone)));
                }
            }
        } catch (SocketException e) {
            // no interfaces to list: loopback names only
        }
        try {
            InetAddress self = InetAddress.getLocalHost();
            names.add(normalize(self.getHostName()));
            names.add(normalize(self.getCanonicalHostName()));
        } catch (UnknownHostException e) {
            // the machine's name does not resolve: it cannot be used in a URL either
        }
        return names;
    }
}
