package io.callscheduler.webhooks;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** A webhook's raw body (base64-decoded when API Gateway encoded it) and its form fields. */
public final class FormBodies {
    private FormBodies() {
    }

    public static byte[] raw(APIGatewayProxyRequestEvent event) {
        String body = event.getBody() == null ? "" : event.getBody();
        return Boolean.TRUE.equals(event.getIsBase64Encoded()) ? Base64.getDecoder().decode(body)
                : body.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code application/x-www-form-urlencoded} fields; a repeated name keeps its last value. */
    public static Map<String, String> form(byte[] body) {
        Map<String, String> form = new LinkedHashMap<>();
        String text = new String(body, StandardCharsets.UTF_8);
        for (String pair : text.isEmpty() ? new String[0] : text.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            form.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return form;
    }
}
