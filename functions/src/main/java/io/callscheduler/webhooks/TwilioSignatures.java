package io.callscheduler.webhooks;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Twilio's request signature, as Twilio documents it: {@code X-Twilio-Signature} is the base64 of the
 * HMAC-SHA1, keyed with the Auth Token, of the full URL Twilio called followed by each POST parameter's
 * name and value, sorted by name. As Twilio's own validators do, the URL is tried with and without its
 * scheme's default port, since proxies differ on whether they keep it.
 */
public final class TwilioSignatures {
    private TwilioSignatures() {
    }

    public static String sign(String authToken, String url, Map<String, String> parameters) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(parameters).forEach((name, value) -> data.append(name).append(value));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is always available", e);
        }
    }

    /** Whether {@code signature} is Twilio's for this request; false for a missing one. Constant-time. */
    public static boolean isValid(String authToken, String url, Map<String, String> parameters, String signature) {
        if (signature == null || signature.isBlank() || authToken == null) {
            return false;
        }
        byte[] given = signature.strip().getBytes(StandardCharsets.UTF_8);
        boolean valid = false;
        for (String candidate : urlVariants(url)) {
            valid |= MessageDigest.isEqual(sign(authToken, candidate, parameters).getBytes(StandardCharsets.UTF_8), given);
        }
        return valid;
    }

    private static Set<String> urlVariants(String url) {
        Set<String> variants = new LinkedHashSet<>();
        variants.add(url);
        try {
            URI uri = new URI(url);
            int defaultPort = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            String rest = (uri.getRawPath() == null ? "" : uri.getRawPath())
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            if (uri.getPort() == -1) {
                variants.add(uri.getScheme() + "://" + uri.getHost() + ":" + defaultPort + rest);
            } else if (uri.getPort() == defaultPort) {
                variants.add(uri.getScheme() + "://" + uri.getHost() + rest);
            }
        } catch (URISyntaxException ignored) {
            // the URL as given is the only candidate
        }
        return variants;
    }
}
