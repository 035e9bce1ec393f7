package io.callscheduler.localcloud.template;

import io.callscheduler.localcloud.template.SamTemplate.TemplateException;

import java.util.List;
import java.util.Map;

/** The shapes a template's values must have, checked: a mismatch is an error saying where, never a cast failure. */
final class TemplateValues {
    private TemplateValues() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value, String where) {
        if (!(value instanceof Map<?, ?>)) {
            throw new TemplateException(where + " must be a mapping");
        }
        return (Map<String, Object>) value;
    }

    static String string(Object value) {
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            throw new TemplateException("expected a plain value, found " + value);
        }
        return String.valueOf(value);
    }

    /** A value with the single quotes API Gateway wants around it removed. */
    static String unquote(Object value) {
        if (value == null) {
            return null;
        }
        String text = String.valueOf(value);
        return text.length() >= 2 && text.startsWith("'") && text.endsWith("'") ? text.substring(1, text.length() - 1) : text;
    }
}
