package io.callscheduler.series;

import io.callscheduler.domain.ValidationException;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** The date-time and zone fields of a series. */
final class SeriesTimes {
    static final int MIN_YEAR = 1970;
    static final int MAX_YEAR = 9999;
    private static final String EXAMPLE = "such as 2030-01-07T09:30 (local in timeZone) or 2030-01-07T14:30:00Z";

    private SeriesTimes() {
    }

    /** @throws ValidationException naming {@code timeZone} unless it is an IANA region zone */
    static ZoneId zone(String timeZone) {
        if (timeZone == null || timeZone.isBlank()) {
            throw new ValidationException("timeZone", "MISSING_FIELD",
                    "timeZone is required: the IANA zone whose local time the series keeps, such as America/New_York");
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(timeZone.strip());
        } catch (DateTimeException e) {
            zone = null;
        }
        // A fixed offset has no daylight saving: the local time would drift from the callee's twice a year.
        if (zone == null || zone instanceof ZoneOffset) {
            throw new ValidationException("timeZone", "INVALID_TIME_ZONE",
                    "timeZone '" + timeZone.strip() + "' is not an IANA time zone such as America/New_York");
        }
        return zone;
    }

    /**
     * A local date-time in {@code zone}, or an instant with its offset converted to the zone's local time.
     * Whole seconds only: a dial is no more precise, and the occurrence key must be one string.
     */
    static LocalDateTime localOrInstant(String field, String value, ZoneId zone) {
        String text = value.strip();
        LocalDateTime local;
        try {
            local = LocalDateTime.parse(text);
        } catch (DateTimeParseException notLocal) {
            OffsetDateTime withOffset;
            try {
                withOffset = OffsetDateTime.parse(text);
            } catch (DateTimeParseException e) {
                throw new ValidationException(field, "INVALID_DATE_TIME", field + " '" + text
                        + "' is not an ISO-8601 date-time, " + EXAMPLE);
            }
            // Checked before the zone's conversion, which cannot reach past year 999,999,999 (an exception, not a 400).
            wholeSeconds(field, withOffset.toLocalDateTime());
            local = withOffset.atZoneSameInstant(zone).toLocalDateTime();
        }
        return wholeSeconds(field, local);
    }

    /**
     * A local date-time only (an exdate names an occurrence, which is a local date-time).
     *
     * @param label how the message names the value, such as {@code exdates[2]}
     */
    static LocalDateTime local(String field, String label, String value) {
        try {
            return wholeSeconds(field, LocalDateTime.parse(value.strip()));
        } catch (DateTimeParseException e) {
            throw new ValidationException(field, "INVALID_DATE_TIME", label + " '" + value.strip()
                    + "' is not a local ISO-8601 date-time such as 2030-01-07T09:30 (no offset: it is read in timeZone)");
        }
    }

    private static LocalDateTime wholeSeconds(String field, LocalDateTime local) {
        if (local.getNano() != 0) {
            throw new ValidationException(field, "INVALID_DATE_TIME", field + " must be in whole seconds");
        }
        // lib-recur's date arithmetic, and any call, is for years people live in; +10000-01-01 parses too.
        if (local.getYear() < MIN_YEAR || local.getYear() > MAX_YEAR) {
            throw new ValidationException(field, "INVALID_DATE_TIME", field + " must be in the years " + MIN_YEAR
                    + " to " + MAX_YEAR);
        }
        return local;
    }
}
