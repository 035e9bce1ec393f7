package io.callscheduler.events.endpoints;

import io.callscheduler.domain.ValidationException;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Whether a webhook URL may be called, against server-side request forgery: on AWS it must be {@code https} and every
 * address its host resolves to must be public (not private, loopback, link-local, unique-local, multicast,
 * unspecified, shared (CGNAT) or reserved; the instance metadata addresses 169.254.169.254 and fd00:ec2::254 are
 * link-local and unique-local). Checked at registration, and again by the delivery before each attempt with the
 * addresses it is about to connect to, so that a name re-pointed to 127.0.0.1 after registration (DNS rebinding) is
 * refused then too. {@code allowLoopback} (the local cloud) also admits {@code http} and loopback addresses, so that
 * the tests and a receiver on the user's own machine work; private networks stay refused.
 */
public final class EndpointUrls {
    public static final int MAX_LENGTH = 2048;

    /** A host's addresses, as the delivery's HTTP client would resolve them. */
    @FunctionalInterface
    public interface Resolver {
        Resolver SYSTEM = InetAddress::getAllByName;

        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final Resolver resolver;
    private final boolean allowLoopback;

    public EndpointUrls(Resolver resolver, boolean allowLoopback) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.allowLoopback = allowLoopback;
    }

    /**
     * The URL, parsed, when it may be called now.
     *
     * @throws ValidationException naming {@code url} with the reason: not an absolute http(s) URL, credentials or a
     *                             fragment in it, http on AWS, a host that does not resolve or resolves to an address
     *                             that is not public
     */
    public URI check(String url) {
        URI uri = parse(url);
        checkAddresses(uri.getHost(), resolve(uri.getHost()));
        return uri;
    }

    /** The URL's form alone (no DNS): what a stored URL is re-read with. */
    public URI parse(String url) {
        if (url == null || url.isBlank()) {
            throw new ValidationException("url", "MISSING_FIELD", "url is required: the https URL that receives the events");
        }
        if (url.length() > MAX_LENGTH) {
            throw new ValidationException("url", "TOO_LONG", "url must be at most " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new ValidationException("url", "INVALID_URL", "url is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null || uri.isOpaque()) {
            throw new ValidationException("url", "INVALID_URL", "url must be an absolute https URL with a host, such as https://example.com/webhooks");
        }
        if (scheme.equals("http") && !allowLoopback) {
            throw new ValidationException("url", "INSECURE_URL", "url must use https: the events carry your calls' data");
        }
        if (uri.getPort() != -1 && (uri.getPort() < 1 || uri.getPort() > 65535)) {
            // URI accepts any number; the HTTP client refuses it at every delivery.
            throw new ValidationException("url", "INVALID_URL", "url's port must be from 1 to 65535, not " + uri.getPort());
        }
        if (uri.getRawUserInfo() != null) {
            throw new ValidationException("url", "INVALID_URL", "url must not carry credentials (user:password@): verify the signature instead");
        }
        if (uri.getRawFragment() != null) {
            throw new ValidationException("url", "INVALID_URL", "url must not have a #fragment, which is never sent");
        }
        return uri;
    }

    /**
     * Refuses the host unless every one of its addresses may be called: one public and one private address would let
     * the HTTP client pick the private one.
     */
    public void checkAddresses(String host, List<InetAddress> addresses) {
        if (addresses.isEmpty()) {
            throw new ValidationException("url", "UNRESOLVABLE_HOST", "url's host " + host + " has no address");
        }
        for (InetAddress address : addresses) {
            String kind = forbiddenKind(address);
            if (kind != null) {
                throw new ValidationException("url", "FORBIDDEN_ADDRESS", "url's host " + host + " resolves to " + address.getHostAddress()
                        + ", a " + kind + " address; webhooks go to public addresses only");
            }
        }
    }

    private List<InetAddress> resolve(String host) {
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            return List.of(resolver.resolve(name));
        } catch (UnknownHostException e) {
            throw new ValidationException("url", "UNRESOLVABLE_HOST", "url's host " + host + " does not resolve");
        }
    }

    /** Why the address may not be called (loopback only when not allowed), or null for a public one. */
    String forbiddenKind(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            InetAddress embedded = embeddedIpv4(v6.getAddress());
            if (embedded != null) {
                return forbiddenKind(embedded);
            }
        }
        if (address.isLoopbackAddress()) {
            return allowLoopback ? null : "loopback";
        }
        if (address.isAnyLocalAddress()) {
            return "unspecified";
        }
        if (address.isLinkLocalAddress()) {
            return "link-local (cloud metadata)";
        }
        if (address.isMulticastAddress()) {
            return "multicast";
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 10 || first == 172 && second >= 16 && second < 32 || first == 192 && second == 168) {
                return "private";
            }
            if (first == 100 && second >= 64 && second < 128) {
                return "shared (carrier-grade NAT)";
            }
            if (first == 0 || first >= 240 || first == 192 && second == 0 && (b[2] & 0xff) == 0
                    || first == 198 && (second == 18 || second == 19)) {
                return "reserved";
            }
            return null;
        }
        if ((b[0] & 0xfe) == 0xfc) {
            return "unique-local (private)";
        }
        if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) {
            return "site-local (private)";
        }
        return null;
    }

    /**
     * The IPv4 address an IPv6 one carries and routes to: IPv4-compatible ({@code ::a.b.c.d}), NAT64
     * ({@code 64:ff9b::a.b.c.d}) and 6to4 ({@code 2002:AABB:CCDD::}). IPv4-mapped addresses the JDK already reads as
     * IPv4.
     */
    private static InetAddress embeddedIpv4(byte[] b) {
        byte[] v4 = null;
        if (allZero(b, 0, 12) && !(allZero(b, 12, 15) && (b[15] == 0 || b[15] == 1))) {
            v4 = new byte[]{b[12], b[13], b[14], b[15]};
        } else if (b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && allZero(b, 4, 12)) {
            v4 = new byte[]{b[12], b[13], b[14], b[15]};
        } else if (b[0] == 0x20 && b[1] == 0x02) {
            v4 = new byte[]{b[2], b[3], b[4], b[5]};
        }
        try {
            return v4 == null ? null : InetAddress.getByAddress(v4);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are an IPv4 address", e);
        }
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
