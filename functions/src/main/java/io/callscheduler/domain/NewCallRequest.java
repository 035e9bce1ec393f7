package io.callscheduler.domain;

/**
 * A create request as the user sent it: raw strings, not yet validated. Any field may be null.
 *
 * @param scheduledAt ISO-8601 with offset, a local date-time (then {@code timeZone} says where), "now" or null
 */
public record NewCallRequest(String phoneNumber, String scheduledAt, String timeZone, String contactName,
                             String notes) {
}
