package io.callscheduler.domain.campaigns;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A campaign's message with {@code {{field}}}s filled from a contact's columns: plain text replaced by plain text (the
 * provider adapter escapes the message into TwiML as it does any call's). A field the contact lacks reads as nothing.
 */
public final class MessageFields {
    private static final Pattern FIELD = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*}}");

    private MessageFields() {
    }

    /** @return the filled message, cut to {@code max} characters; null for a null message */
    public static String fill(String message, Map<String, String> columns, int max) {
        if (message == null) {
            return null;
        }
        Matcher field = FIELD.matcher(message);
        StringBuilder filled = new StringBuilder();
        while (field.find()) {
            String value = columns.getOrDefault(field.group(1), "");
            field.appendReplacement(filled, Matcher.quoteReplacement(value.strip()));
        }
        field.appendTail(filled);
        return filled.length() > max ? filled.substring(0, max) : filled.toString();
    }
}
