package io.callscheduler.events.retry;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The {@code Retry-After} header (RFC 9110, 10.2.3): delta-seconds, or an HTTP date. Anything else is ignored (empty),
 * as a header we cannot read must not stop the schedule; a date already past asks for no wait.
 */
public final class RetryAfter {
    /** More digits than this is no plausible wait (and would overflow): read as the cap's worth. */
    private static final int MAX_DIGITS = 10;

    private RetryAfter() {
    }

    public static Optional<Duration> parse(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.strip();
        if (value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.of(value.length() > MAX_DIGITS ? Duration.ofSeconds(Long.MAX_VALUE / 1_000_000_000L)
                    : Duration.ofSeconds(Long.parseLong(value)));
        }
        try {
            // RFC 1123 is IMF-fixdate's superset that Java reads ("Sun, 06 Nov 1994 08:49:37 GMT").
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
