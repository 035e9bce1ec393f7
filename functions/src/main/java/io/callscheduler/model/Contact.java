package io.callscheduler.model;

import java.util.Map;
import java.util.Objects;

/**
 * One number of a campaign, with its own columns (contactName, calleeTimeZone, notes and any other, for the message's
 * {@code {{field}}}s and the export).
 *
 * @param sequence its place in the campaign: contacts are drawn in this order
 * @param callId   the call made for it once drawn, else null
 */
public record Contact(String campaignId, String phoneNumber, Map<String, String> columns, long sequence,
                      ContactState state, String callId) {
    public Contact {
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(phoneNumber, "phoneNumber");
        columns = columns == null ? Map.of() : Map.copyOf(columns);
        Objects.requireNonNull(state, "state");
    }

    public String column(String name) {
        String value = columns.get(name);
        return value == null || value.isBlank() ? null : value;
    }
}
