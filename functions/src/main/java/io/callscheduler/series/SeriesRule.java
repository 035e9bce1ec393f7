package io.callscheduler.series;

import io.callscheduler.domain.ValidationException;
import org.dmfs.rfc5545.recur.RecurrenceRule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * When a series of calls dials: an RFC 5545 RRULE kept in local time in an IANA zone, from {@code startAt}, ended
 * by {@code until} or {@code count}, without its {@code exdates}. Immutable once parsed.
 *
 * <p>Occurrences are the rule's local date-times from {@code startAt} on ({@code startAt} itself only when the rule
 * matches it), placed in the zone as RFC 5545 says: a time the spring change skips dials as far after the change as
 * it was after the hour (02:30 is 03:30), and a time the autumn change repeats dials once, at the first. Two
 * occurrences less than an hour apart (only daylight saving makes them) dial once, at the first.
 */
public final class SeriesRule {
    static final int MAX_COUNT = 10_000;
    static final int MAX_EXDATES = 1_000;

    private final ZoneId timeZone;
    private final RecurrenceRule rule;
    private final LocalDateTime startAt;
    private final Instant until;
    private final Integer count;
    private final SortedSet<LocalDateTime> exdates;

    private SeriesRule(ZoneId timeZone, RecurrenceRule rule, LocalDateTime startAt, Instant until, Integer count,
                       SortedSet<LocalDateTime> exdates) {
        this.timeZone = timeZone;
        this.rule = rule;
        this.startAt = startAt;
        this.until = until;
        this.count = count;
        this.exdates = Collections.unmodifiableSortedSet(exdates);
    }

    /**
     * @throws ValidationException naming the field at fault ({@code timeZone}, {@code rrule}, {@code startAt},
     *                             {@code until}, {@code count} or {@code exdates}) and a reason code; a rule with
     *                             no occurrence at all is refused too ({@code NEVER_MATCHES}, {@code NO_OCCURRENCES})
     */
    public static SeriesRule parse(SeriesRuleFields fields) {
        SeriesRule series = stored(fields);
        series.refuseWithoutOccurrences();
        return series;
    }

    /**
     * A stored series' rule, checked as {@link #parse} checks it except for having an occurrence: it had one when it was
     * written, and if lib-recur now finds none (an upgrade that iterates it differently), its expansion gives up and
     * the roller ends the series, where a refusal would fail every roll of it.
     */
    static SeriesRule stored(SeriesRuleFields fields) {
        Objects.requireNonNull(fields, "fields");
        ZoneId zone = SeriesTimes.zone(fields.timeZone());
        RecurrenceRule rule = RecurrenceRules.parse(fields.rrule());
        if (fields.startAt() == null || fields.startAt().isBlank()) {
            throw new ValidationException("startAt", "MISSING_FIELD",
                    "startAt is required: the first moment of the series, such as 2030-01-07T09:30 in timeZone");
        }
        LocalDateTime startAt = SeriesTimes.localOrInstant("startAt", fields.startAt(), zone);
        boolean hasUntil = fields.until() != null && !fields.until().isBlank();
        if (hasUntil && fields.count() != null) {
            throw new ValidationException("count", "CONFLICTING_FIELDS", "give until or count, not both");
        }
        Instant until = hasUntil ? until(fields.until(), zone, startAt) : null;
        if (fields.count() != null && (fields.count() < 1 || fields.count() > MAX_COUNT)) {
            throw new ValidationException("count", "INVALID_VALUE", "count must be from 1 to " + MAX_COUNT);
        }
        return new SeriesRule(zone, rule, startAt, until, fields.count(), exdates(fields.exdates()));
    }

    private static Instant until(String text, ZoneId zone, LocalDateTime startAt) {
        LocalDateTime until = SeriesTimes.localOrInstant("until", text, zone);
        if (until.isBefore(startAt)) {
            throw new ValidationException("until", "INVALID_VALUE", "until " + until + " is before startAt " + startAt
                    + " (both in the series' zone)");
        }
        return LocalTimes.place(until, zone).at();
    }

    private static SortedSet<LocalDateTime> exdates(List<String> texts) {
        SortedSet<LocalDateTime> exdates = new TreeSet<>();
        if (texts == null) {
            return exdates;
        }
        if (texts.size() > MAX_EXDATES) {
            throw new ValidationException("exdates", "TOO_MANY", "exdates may list at most " + MAX_EXDATES
                    + " date-times");
        }
        List<String> values = new ArrayList<>(texts);
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null || values.get(i).isBlank()) {
                throw new ValidationException("exdates", "INVALID_DATE_TIME", "exdates[" + i + "] is empty");
            }
            exdates.add(SeriesTimes.local("exdates", "exdates[" + i + "]", values.get(i)));
        }
        return exdates;
    }

    private void refuseWithoutOccurrences() {
        NextOccurrences first = SeriesExpansion.next(this, null, 1);
        if (!first.occurrences().isEmpty()) {
            return;
        }
        if (first.stop() == NextOccurrences.Stop.GAVE_UP) {
            throw new ValidationException("rrule", "NEVER_MATCHES", "rrule " + rrule() + " has no occurrence from "
                    + startAt + ": no date matches it (such as February 30)");
        }
        String field = until != null ? "until" : exdates.isEmpty() ? "rrule" : "exdates";
        throw new ValidationException(field, "NO_OCCURRENCES", "the series has no occurrence: " + (until != null
                ? "its rule's first one after startAt is later than until" : "every one is in exdates"));
    }

    /**
     * The next occurrences strictly after {@code after}, at most {@code n} (1 to 1,000), in order; finite for a
     * series with a count or until. The search is bounded (see {@link NextOccurrences.Stop#GAVE_UP}).
     */
    public NextOccurrences next(Instant after, int n) {
        return SeriesExpansion.next(this, Objects.requireNonNull(after, "after"), n);
    }

    public ZoneId timeZone() {
        return timeZone;
    }

    /** The rule as lib-recur writes it back (parts in a canonical order), without COUNT and UNTIL. */
    public String rrule() {
        return rule.toString();
    }

    public LocalDateTime startAt() {
        return startAt;
    }

    /** The last moment an occurrence may dial at (inclusive). */
    public Optional<Instant> until() {
        return Optional.ofNullable(until);
    }

    public OptionalInt count() {
        return count == null ? OptionalInt.empty() : OptionalInt.of(count);
    }

    public SortedSet<LocalDateTime> exdates() {
        return exdates;
    }

    /** lib-recur's rule: mutable, so it never leaves the package, and only its iterators are used. */
    RecurrenceRule rule() {
        return rule;
    }
}
