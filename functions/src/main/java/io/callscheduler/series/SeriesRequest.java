package io.callscheduler.series;

import java.util.Map;
import java.util.Set;

/**
 * A create, preview or edit of a series as the user sent it: the recurrence's fields and the calls' fields, raw.
 *
 * @param rule       the recurrence; in an edit, the members not given are null (kept from the series)
 * @param callFields phoneNumber, contactName, notes, callerId, message, voice, language, twimlUrl, calleeTimeZone and
 *                   {@code redial.on|maxAttempts|afterMinutes}, as given (absent when not given)
 * @param given      the names of the members the request gave (an edit changes those only; a null clears)
 * @param from       an edit's split point: the occurrence (local date-time) from which a new series continues; null
 *                   to change the series itself
 */
public record SeriesRequest(SeriesRuleFields rule, Map<String, String> callFields, Set<String> given, String from) {
    /** The calls' fields a series takes: those of POST /calls but the time (the rule gives it). */
    public static final Set<String> CALL_FIELDS = Set.of("phoneNumber", "contactName", "notes", "callerId", "message",
            "voice", "language", "twimlUrl", "calleeTimeZone", "redial.on", "redial.maxAttempts", "redial.afterMinutes");

    public SeriesRequest {
        callFields = Map.copyOf(callFields);
        given = Set.copyOf(given);
    }
}
