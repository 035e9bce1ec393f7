package io.callscheduler.domain;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.regex.Pattern;

/** The rules a call's fields must satisfy. Every violation names its field. */
public final class CallRules {
    /** E.164: a plus, a country code that does not start with 0, at most 15 digits in all. */
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    public static final int MAX_CONTACT_NAME = 100;
    public static final int MAX_NOTES = 1000;
    /** How far in the past a time may be (clock skew, slow typing) before it is refused. */
    public static final Duration PAST_TOLERANCE = Duration.ofSeconds(60);
    /** How far ahead a call may be scheduled. */
    public static final Duration MAX_AHEAD = Duration.ofDays(365);
    public static final String DEFAULT_TIME_ZONE = "UTC";

    private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

    private CallRules() {
    }

    public static String phoneNumber(String value) {
        return phoneNumber("phoneNumber", value);
    }

    /** A required E.164 number in {@code field}. */
    static String phoneNumber(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new ValidationException(field, "MISSING_FIELD", field + " is required");
        }
        if (!E164.matcher(value).matches()) {
            throw new ValidationException(field, "INVALID_PHONE_NUMBER",
                    field + " must be in E.164 form: '+', country code, number, 7 to 15 digits, "
                            + "no spaces (e.g. +14155550123)");
        }
        return value;
    }

    /** A valid IANA zone id; null means the default, UTC. */
    public static String timeZone(String value) {
        if (value == null) {
            return DEFAULT_TIME_ZONE;
        }
        if (!ZONES.contains(value)) {
            throw new ValidationException("timeZone", "INVALID_TIME_ZONE",
                    "timeZone '" + abbreviate(value) + "' is not an IANA time zone such as Europe/Paris or UTC");
        }
        return value;
    }

    public static String optionalText(String field, String value, int maxLength) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        if (trimmed.codePointCount(0, trimmed.length()) > maxLength) {
            throw new ValidationException(field, "TOO_LONG", field + " must be at most " + maxLength + " characters");
        }
        if (trimmed.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t' && c != '\r')) {
            throw new ValidationException(field, "INVALID_CHARACTERS", field + " must not contain control characters");
        }
        return trimmed.isEmpty() ? null : trimmed;
    }

    /** Digits with the spaces, dots, brackets and dashes (any Unicode space or dash) people type between them. */
    private static final java.util.regex.Pattern PHONE_AS_TYPED = java.util.regex.Pattern.compile("[+0-9().\\s\\p{Z}\\p{Pd}/]+");

    /**
     * Normalises a search for a name or a number: a number-like search ({@code +1 (415) 555}) becomes its
     * {@code +} and digits, so it matches however the user types it; anything else is matched, in lower
     * case and without accents ({@link io.callscheduler.store.CallFilter#fold}), against contact names. Null or
     * blank means no search.
     */
    public static String searchTerm(String value) {
        String text = optionalText("q", value, 100);
        if (text == null) {
            return null;
        }
        // A number as people type it ("+44 7700 900123", "(415) 555-0123"): its digits, as stored (E.164).
        if (PHONE_AS_TYPED.matcher(text).matches() && text.chars().anyMatch(Character::isDigit)) {
            // "+44 (0)20 ...": the bracketed trunk zero is not dialed after a country code, nor stored.
            String digits = text.replace("(0)", "").replaceAll("[^+0-9]", "");
            return digits.isEmpty() || digits.equals("+") ? null : digits; // "(0)" alone searches for nothing
        }
        String folded = io.callscheduler.store.CallFilter.fold(text);
        return folded.isBlank() ? null : folded;
    }

    /**
     * Resolves the requested time to an instant, or null for "call now".
     *
     * @param zone         the zone a local date-time is in
     * @param zoneWasGiven whether the user named the zone (a local time needs one)
     */
    public static Instant scheduledAt(String value, String zone, boolean zoneWasGiven, Instant now) {
        if (value == null || value.equalsIgnoreCase("now")) {
            return null;
        }
        Instant instant = parseInstant(value, zone, zoneWasGiven);
        if (instant.isBefore(now.minus(PAST_TOLERANCE))) {
            throw new ValidationException("scheduledAt", "IN_THE_PAST",
                    "scheduledAt " + value + " is in the past; use a future time or \"now\"");
        }
        if (instant.isAfter(now.plus(MAX_AHEAD))) {
            throw new ValidationException("scheduledAt", "TOO_FAR_AHEAD",
                    "scheduledAt must be at most one year ahead");
        }
        return instant;
    }

    private static Instant parseInstant(String value, String zone, boolean zoneWasGiven) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            LocalDateTime local;
            try {
                local = LocalDateTime.parse(value);
            } catch (DateTimeParseException notADateTime) {
                throw new ValidationException("scheduledAt", "INVALID_DATE_TIME",
                        "scheduledAt must be an ISO-8601 date-time such as 2026-12-01T09:30:00+01:00, "
                                + "a local date-time with timeZone, or \"now\"");
            }
            if (!zoneWasGiven) {
                throw new ValidationException("scheduledAt", "MISSING_OFFSET",
                        "scheduledAt has no UTC offset; add one (e.g. +01:00) or give timeZone");
            }
            return localToInstant(local, ZoneId.of(zone));
        }
    }

    /** A local time in a DST gap does not exist and is refused; in an overlap the earlier instant is used. */
    private static Instant localToInstant(LocalDateTime local, ZoneId zone) {
        var offsets = zone.getRules().getValidOffsets(local);
        if (offsets.isEmpty()) {
            throw new ValidationException("scheduledAt", "NONEXISTENT_LOCAL_TIME",
                    "scheduledAt " + local + " does not exist in " + zone + " (clocks skip it for daylight saving)");
        }
        ZoneOffset earliest = offsets.get(0);
        try {
            return local.toInstant(earliest);
        } catch (DateTimeException e) {
            throw new ValidationException("scheduledAt", "INVALID_DATE_TIME", "scheduledAt is out of range");
        }
    }

    private static String abbreviate(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }
}
