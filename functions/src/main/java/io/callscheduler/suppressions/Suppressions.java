package io.callscheduler.suppressions;

import io.callscheduler.domain.CallRules;
import io.callscheduler.domain.PageSizes;
import io.callscheduler.domain.ValidationException;
import io.callscheduler.store.InvalidPageTokenException;
import io.callscheduler.store.Page;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The do-not-call list as the API and the create use it: numbers read as a create reads them, entries validated,
 * and whether a number is suppressed now (an expired entry is not, however long the table's TTL takes to delete it).
 */
public final class Suppressions {
    public static final int MAX_REASON = 200;
    public static final int MAX_SOURCE = 50;
    public static final String DEFAULT_SOURCE = "api";
    /** What people type between the digits: spaces, dots, brackets, dashes, slashes (any Unicode space or dash). */
    private static final Pattern TYPED_SEPARATORS = Pattern.compile("[().\\s\\p{Z}\\p{Pd}/]");

    private final SuppressionList list;
    private final Clock clock;

    public Suppressions(SuppressionList list, Clock clock) {
        this.list = Objects.requireNonNull(list, "list");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** "+1 (415) 555-0123" → "+14155550123"; anything else not E.164 is refused naming {@code phoneNumber}. */
    public static String number(String typed) {
        return CallRules.phoneNumber(typed == null ? null : TYPED_SEPARATORS.matcher(typed).replaceAll(""));
    }

    /**
     * Puts the number on the list, or updates its entry: the same PUT twice leaves one entry.
     *
     * @param expiresAt null for never, else an ISO-8601 date-time with an offset, in the future
     * @throws ValidationException naming the field at fault; nothing is written then
     */
    public Suppression put(String typedNumber, String reason, String source, String expiresAt) {
        String number = number(typedNumber);
        String why = CallRules.optionalText("reason", reason, MAX_REASON);
        if (why == null) {
            throw new ValidationException("reason", "MISSING_FIELD", "reason is required (why this number must not be called)");
        }
        String from = CallRules.optionalText("source", source, MAX_SOURCE);
        Instant now = clock.instant();
        return list.put(new Suppression(number, why, from == null ? DEFAULT_SOURCE : from, expiry(expiresAt, now), now,
                null, null));
    }

    /** @return whether the number was on the list */
    public boolean remove(String typedNumber) {
        return list.remove(number(typedNumber));
    }

    /**
     * One page of the list, matching a search by number (as typed: its digits) or by reason.
     *
     * @throws ValidationException for a limit outside 1..200 or a foreign token
     */
    public Page<Suppression> search(String search, String limit, String nextToken) {
        int pageSize = PageSizes.parse(limit);
        try {
            return list.page(CallRules.searchTerm(search), pageSize, nextToken == null || nextToken.isEmpty() ? null : nextToken);
        } catch (InvalidPageTokenException e) {
            throw new ValidationException("nextToken", "INVALID_TOKEN", "nextToken is not valid here: " + e.getMessage()
                    + "; start again without it");
        }
    }

    /** The number's entry when it suppresses now. */
    public Optional<Suppression> activeFor(String number) {
        return list.find(number).filter(s -> s.activeAt(clock.instant()));
    }

    /** Those of {@code numbers} that are suppressed now: the do-not-call check of a whole upload, in batches. */
    public java.util.Set<String> activeAmong(java.util.Set<String> numbers) {
        Instant now = clock.instant();
        return list.screen(numbers).stream().filter(s -> s.activeAt(now)).map(Suppression::number)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** Refuses a new call to a suppressed number (400 SUPPRESSED naming {@code phoneNumber}). */
    public void refuseIfSuppressed(String number) {
        Optional<Suppression> active = activeFor(number);
        if (active.isPresent()) {
            throw new ValidationException("phoneNumber", "SUPPRESSED", "phoneNumber " + number
                    + " is on the do-not-call list (" + active.get().reason() + "); remove it from the list to call it");
        }
    }

    /**
     * An entry's expiry as given: null for blank (never), else the instant rounded up to the second.
     *
     * @throws ValidationException naming {@code expiresAt}: not an ISO-8601 date-time with an offset, or not after now
     */
    public static Instant expiry(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new ValidationException("expiresAt", "INVALID_DATE_TIME",
                    "expiresAt must be an ISO-8601 date-time with an offset, such as 2027-01-01T00:00:00Z");
        }
        if (!at.isAfter(now)) {
            throw new ValidationException("expiresAt", "IN_THE_PAST", "expiresAt " + value.strip() + " has passed; "
                    + "leave it out for an entry that never expires");
        }
        Instant whole = at.truncatedTo(ChronoUnit.SECONDS); // the table's TTL is in seconds: rounded up, never earlier
        return whole.equals(at) ? whole : whole.plusSeconds(1);
    }
}
