package io.callscheduler.localcloud.template;

import io.callscheduler.localcloud.template.SamTemplate.Api;
import io.callscheduler.localcloud.template.SamTemplate.Cors;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.callscheduler.localcloud.template.TemplateValues.map;
import static io.callscheduler.localcloud.template.TemplateValues.string;
import static io.callscheduler.localcloud.template.TemplateValues.unquote;

/** The template's first {@code AWS::Serverless::Api}: stage, CORS, gateway responses and API key requirement. */
final class ApiReader {
    private final TemplateResources resources;
    private final Intrinsics intrinsics;

    ApiReader(TemplateResources resources, Intrinsics intrinsics) {
        this.resources = resources;
        this.intrinsics = intrinsics;
    }

    Api api() {
        List<String> apis = resources.ofType("AWS::Serverless::Api");
        if (apis.isEmpty()) {
            return new Api("Prod", null, Map.of(), false);
        }
        Map<String, Object> properties = resources.properties(apis.get(0));
        Object cors = intrinsics.resolve(properties.get("Cors"));
        Cors resolvedCors = null;
        if (cors instanceof Map<?, ?> corsMap) {
            resolvedCors = new Cors(unquote(corsMap.get("AllowOrigin")), unquote(corsMap.get("AllowMethods")),
                    unquote(corsMap.get("AllowHeaders")), unquote(corsMap.get("MaxAge")));
        } else if (cors != null) {
            resolvedCors = new Cors(unquote(cors), null, null, null);
        }
        Map<String, Map<String, String>> gatewayResponses = new LinkedHashMap<>();
        map(intrinsics.resolve(properties.getOrDefault("GatewayResponses", Map.of())), "GatewayResponses").forEach((type, response) -> {
            Object headers = map(response, "GatewayResponses." + type).getOrDefault("ResponseParameters", Map.of());
            Map<String, String> unquoted = new LinkedHashMap<>();
            map(intrinsics.resolve(map(headers, "ResponseParameters").getOrDefault("Headers", Map.of())), "Headers")
                    .forEach((name, value) -> unquoted.put(name, unquote(intrinsics.resolve(value))));
            gatewayResponses.put(type, Map.copyOf(unquoted));
        });
        return new Api(string(properties.getOrDefault("StageName", "Prod")), resolvedCors, Map.copyOf(gatewayResponses),
                Boolean.TRUE.equals(apiKeyRequired(properties.get("Auth"), intrinsics)));
    }

    /** {@code Auth.ApiKeyRequired} of an API or an event, resolved (conditions included); null when unset. */
    static Boolean apiKeyRequired(Object auth, Intrinsics intrinsics) {
        if (auth == null) {
            return null;
        }
        Object required = map(intrinsics.resolve(auth), "Auth").get("ApiKeyRequired");
        return required == null ? null : Boolean.valueOf(string(required));
    }
}
