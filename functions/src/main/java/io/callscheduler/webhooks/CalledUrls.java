package io.callscheduler.webhooks;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The URL the provider called, rebuilt from an API Gateway (REST, proxy) event, for signature checks:
 * {@code X-Forwarded-Proto} + {@code Host} + {@code requestContext.path} + the query. Behind API Gateway's
 * own domain {@code requestContext.path} carries the stage ({@code /Prod/webhooks/...}); behind a custom
 * domain it carries the base path; locally it is the path as called, as with {@code sam local}.
 */
public final class CalledUrls {
    private CalledUrls() {
    }

    public static String of(APIGatewayProxyRequestEvent event) {
        Map<String, String> headers = caseInsensitive(event.getHeaders());
        String scheme = headers.getOrDefault("x-forwarded-proto", "https").toLowerCase(java.util.Locale.ROOT);
        String host = headers.get("host");
        if (host == null && event.getRequestContext() != null) {
            host = event.getRequestContext().getDomainName();
        }
        String path = event.getRequestContext() != null && event.getRequestContext().getPath() != null
                ? event.getRequestContext().getPath() : event.getPath();
        return scheme + "://" + host + path + query(event);
    }

    /** The query as sent, as far as the event keeps it: parameters in their order, re-encoded. */
    private static String query(APIGatewayProxyRequestEvent event) {
        Map<String, List<String>> parameters = event.getMultiValueQueryStringParameters();
        if (parameters == null || parameters.isEmpty()) {
            Map<String, String> single = event.getQueryStringParameters();
            if (single == null || single.isEmpty()) {
                return "";
            }
            parameters = new TreeMap<>();
            for (var entry : single.entrySet()) {
                parameters.put(entry.getKey(), List.of(entry.getValue()));
            }
        }
        List<String> pairs = new ArrayList<>();
        parameters.forEach((name, values) -> values.forEach(value -> pairs.add(
                URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8))));
        return "?" + String.join("&", pairs);
    }

    private static Map<String, String> caseInsensitive(Map<String, String> headers) {
        Map<String, String> result = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            result.putAll(headers);
        }
        return result;
    }
}
