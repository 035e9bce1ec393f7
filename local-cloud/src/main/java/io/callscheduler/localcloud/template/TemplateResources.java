package io.callscheduler.localcloud.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.callscheduler.localcloud.template.TemplateValues.map;

/** The template's {@code Resources}, looked up by logical id or type, unresolved. */
final class TemplateResources {
    private final Map<String, Object> resources;

    TemplateResources(Map<String, Object> template) {
        this.resources = map(template.get("Resources"), "Resources");
    }

    /** The logical ids of the resources of this type, in template order. */
    List<String> ofType(String type) {
        List<String> ids = new ArrayList<>();
        resources.forEach((id, resource) -> {
            if (type.equals(map(resource, id).get("Type"))) {
                ids.add(id);
            }
        });
        return ids;
    }

    boolean has(String logicalId) {
        return resources.containsKey(logicalId);
    }

    Object type(String logicalId) {
        return map(resources.get(logicalId), logicalId).get("Type");
    }

    Map<String, Object> properties(String logicalId) {
        Map<String, Object> resource = map(resources.get(logicalId), logicalId);
        return map(resource.getOrDefault("Properties", Map.of()), logicalId + ".Properties");
    }
}
