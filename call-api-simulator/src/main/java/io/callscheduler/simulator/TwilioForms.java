package io.callscheduler.simulator;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Twilio's form-encoded parameters, in request bodies and query strings. */
final class TwilioForms {
    private TwilioForms() {
    }

    static Map<String, List<String>> parse(String body) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        for (String pair : body.isEmpty() ? new String[0] : body.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return form;
    }

    /** The first value of {@code name}, or null when it is absent or blank. */
    static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() || values.get(0).isBlank() ? null : values.get(0);
    }

    /** The call id our Twilio adapter marks its StatusCallback URL with ({@code ?callId=}), or null. */
    static String callIdOf(String statusCallback) {
        if (statusCallback == null) {
            return null;
        }
        String query = URI.create(statusCallback).getRawQuery();
        return query == null ? null : first(parse(query), "callId");
    }
}
