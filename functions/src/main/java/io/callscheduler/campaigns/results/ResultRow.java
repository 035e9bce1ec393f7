package io.callscheduler.campaigns.results;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One contact's outcome, as the results CSV writes it.
 *
 * @param phoneNumber the number called (E.164)
 * @param contactName the contact's name, or null
 * @param columns     the contact's columns from its file (phoneNumber and contactName are written once, above)
 * @param status      its call's final (or current) status, such as COMPLETED or CANCELED
 * @param attempts    the dial attempts made, redials included
 * @param answeredBy  who answered (human, machine...), as the provider told, or null
 * @param duration    how long the answered call lasted, or null
 * @param lastError   why the last attempt failed or the call ended without one, or null
 * @param firstDialAt when it was first dialed, or null
 * @param lastDialAt  when it was last dialed, or null
 */
public record ResultRow(String phoneNumber, String contactName, Map<String, String> columns, String status,
                        int attempts, String answeredBy, Duration duration, String lastError, Instant firstDialAt,
                        Instant lastDialAt) {
    public ResultRow {
        columns = columns == null ? Map.of() : columns;
    }
}
