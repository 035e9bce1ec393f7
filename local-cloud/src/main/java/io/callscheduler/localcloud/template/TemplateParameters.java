package io.callscheduler.localcloud.template;

import io.callscheduler.localcloud.template.SamTemplate.TemplateException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.callscheduler.localcloud.template.TemplateValues.map;

/** The template's parameters: each override, else its declared default; overrides checked as CloudFormation checks them. */
final class TemplateParameters {
    private final Map<String, String> values = new LinkedHashMap<>();

    TemplateParameters(Map<String, Object> template, Map<String, String> overrides) {
        Map<String, Object> declared = map(template.getOrDefault("Parameters", Map.of()), "Parameters");
        declared.forEach((name, declaration) -> {
            Object defaultValue = map(declaration, "Parameters." + name).get("Default");
            if (defaultValue != null) {
                values.put(name, String.valueOf(defaultValue));
            }
        });
        overrides.forEach((name, value) -> {
            if (!declared.containsKey(name)) {
                throw new TemplateException("parameter " + name + " is not declared in the template");
            }
            checkAllowed(name, value, map(declared.get(name), "Parameters." + name));
            values.put(name, value);
        });
    }

    /** As CloudFormation does before deploying: AllowedValues and AllowedPattern. */
    private static void checkAllowed(String name, String value, Map<String, Object> declaration) {
        if (declaration.get("AllowedValues") instanceof List<?> allowed
                && allowed.stream().map(String::valueOf).noneMatch(value::equals)) {
            throw new TemplateException("parameter " + name + "=" + value + " is not one of " + allowed);
        }
        if (declaration.get("AllowedPattern") instanceof String pattern && !value.matches(pattern)) {
            throw new TemplateException("parameter " + name + "=" + value + " does not match its AllowedPattern " + pattern);
        }
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    /** The override, else the default; null when it has neither. */
    String get(String name) {
        return values.get(name);
    }
}
