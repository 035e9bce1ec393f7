package io.callscheduler.campaigns.messages;

import io.callscheduler.campaigns.contacts.ContactColumns;
import io.callscheduler.domain.ValidationException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A campaign's message with fields filled from each contact's columns: {@code Hello {{contactName}}, your
 * appointment is at {{time}}.} A field is a column name between double braces (spaces around it ignored). The
 * result is plain text: the message path escapes it into TwiML as it does any call's message, so a cell holding
 * {@code <}, {@code &} or quotes is spoken, never run.
 */
public final class MessageTemplate {
    public static final String FIELD = "message";

    /** Literal text and field names, alternating: text, field, text, ..., text. */
    private final List<String> parts;
    private final Set<String> fields;

    private MessageTemplate(List<String> parts) {
        this.parts = List.copyOf(parts);
        Set<String> names = new LinkedHashSet<>();
        for (int i = 1; i < parts.size(); i += 2) {
            names.add(parts.get(i));
        }
        this.fields = Set.copyOf(names);
    }

    /**
     * For a campaign's creation: the message read as a template whose every field is a contact column, either a
     * standard one ({@link ContactColumns#STANDARD}) or one the campaign names.
     *
     * @param campaignColumns the campaign's own columns beyond the standard ones (empty for none)
     * @throws ValidationException {@code INVALID_MESSAGE_TEMPLATE} for braces that do not form a field;
     *                             {@code UNKNOWN_TEMPLATE_FIELD} naming a field that is no column
     */
    public static MessageTemplate forCampaign(String message, Collection<String> campaignColumns) {
        MessageTemplate template = parse(message);
        Set<String> known = new LinkedHashSet<>(ContactColumns.STANDARD);
        known.addAll(campaignColumns);
        for (String field : template.fields) {
            if (!known.contains(field)) {
                String hint = known.stream().filter(k -> k.equalsIgnoreCase(field)).findFirst()
                        .map(k -> " (did you mean {{" + k + "}}? names are case-sensitive)").orElse("");
                throw new ValidationException(FIELD, "UNKNOWN_TEMPLATE_FIELD", "message uses {{" + field
                        + "}}, which is not a contact column" + hint + "; the columns are " + String.join(", ", known));
            }
        }
        return template;
    }

    /**
     * The message read as a template, any column name allowed as a field.
     *
     * @throws ValidationException {@code INVALID_MESSAGE_TEMPLATE} for braces that do not form a field
     */
    public static MessageTemplate parse(String message) {
        List<String> parts = new ArrayList<>();
        int at = 0;
        while (true) {
            int open = message.indexOf("{{", at);
            if (open < 0) {
                parts.add(message.substring(at));
                return new MessageTemplate(parts);
            }
            int close = message.indexOf("}}", open + 2);
            String name = close < 0 ? null : message.substring(open + 2, close).strip();
            if (name == null || name.isEmpty() || name.contains("{") || name.contains("}")) {
                throw new ValidationException(FIELD, "INVALID_MESSAGE_TEMPLATE", "message has '{{' at character "
                        + (open + 1) + " that does not open a field: a field is a column name in double braces,"
                        + " such as {{contactName}}");
            }
            parts.add(message.substring(at, open));
            parts.add(name);
            at = close + 2;
        }
    }

    /** The column names the message uses. */
    public Set<String> fields() {
        return new TreeSet<>(fields);
    }

    /** The message for one contact: each field replaced by its column's value; a missing or empty one by nothing. */
    public String render(Map<String, String> columns) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            text.append(i % 2 == 0 ? parts.get(i) : columns.getOrDefault(parts.get(i), ""));
        }
        return text.toString();
    }
}
