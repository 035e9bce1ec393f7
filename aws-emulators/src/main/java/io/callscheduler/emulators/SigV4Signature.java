package io.callscheduler.emulators;

import com.sun.net.httpserver.Headers;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Verifies an AWS Signature Version 4 ({@code Authorization: AWS4-HMAC-SHA256 ...}) against one secret key, as
 * AWS describes it ("Create a signed AWS API request"): the canonical request is rebuilt from what arrived
 * (method, path encoded once more as the SDKs do for every service but S3, sorted query, the signed headers,
 * the body's SHA-256), then signed with the key derived from the secret, date, region and service.
 * The request's age is not checked: a replayed request from this machine is no threat a local endpoint has.
 */
final class SigV4Signature {
    private static final Pattern AUTHORIZATION = Pattern.compile("AWS4-HMAC-SHA256\\s+Credential=([^/,\\s]+)/(\\d{8})/([^/]+)/([^/]+)"
            + "/aws4_request,\\s*SignedHeaders=([^,\\s]+),\\s*Signature=([0-9a-f]{64})");

    /** The parts of an {@code Authorization} header; null when it is not SigV4. */
    record Parsed(String accessKeyId, String date, String region, String service, List<String> signedHeaders,
                  String signature) {
        static Parsed of(String authorization) {
            Matcher m = authorization == null ? null : AUTHORIZATION.matcher(authorization.strip());
            if (m == null || !m.matches()) {
                return null;
            }
            return new Parsed(m.group(1), m.group(2), m.group(3), m.group(4), List.of(m.group(5).split(";")), m.group(6));
        }
    }

    private SigV4Signature() {
    }

    /** Whether {@code signature} is the one {@code secret} gives this request. */
    static boolean matches(Parsed auth, String secret, String method, String rawPath, String rawQuery, Headers headers,
                           byte[] body) {
        String amzDate = headers.getFirst("X-Amz-Date");
        if (amzDate == null || !amzDate.startsWith(auth.date()) || !auth.signedHeaders().contains("host")) {
            return false;
        }
        StringBuilder canonicalHeaders = new StringBuilder();
        for (String name : auth.signedHeaders()) {
            List<String> values = headers.get(name);
            if (values == null) {
                return false;
            }
            List<String> trimmed = values.stream().map(v -> v.strip().replaceAll("\\s+", " ")).toList();
            canonicalHeaders.append(name).append(':').append(String.join(",", trimmed)).append('\n');
        }
        String canonicalRequest = String.join("\n", method, canonicalPath(rawPath), canonicalQuery(rawQuery),
                canonicalHeaders.toString(), String.join(";", auth.signedHeaders()), hex(sha256(body)));
        String scope = auth.date() + "/" + auth.region() + "/" + auth.service() + "/aws4_request";
        String stringToSign = String.join("\n", "AWS4-HMAC-SHA256", amzDate, scope,
                hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8))));
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), auth.date());
        key = hmac(key, auth.region());
        key = hmac(key, auth.service());
        key = hmac(key, "aws4_request");
        byte[] expected = hex(hmac(key, stringToSign)).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, auth.signature().getBytes(StandardCharsets.US_ASCII));
    }

    /** The path as sent (already encoded once), encoded again: what the SDKs sign for every service but S3. */
    private static String canonicalPath(String rawPath) {
        return rawPath == null || rawPath.isEmpty() ? "/" : encode(rawPath, true);
    }

    private static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String> pairs = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            pairs.add(encode(name, false) + "=" + encode(value, false));
        }
        pairs.sort(null);
        return String.join("&", pairs);
    }

    /** RFC 3986 encoding: every byte but the unreserved characters (and {@code /} in a path) as %XX. */
    private static String encode(String text, boolean keepSlash) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~' || (keepSlash && c == '/')) {
                out.append(c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
