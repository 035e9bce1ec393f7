package io.callscheduler.series;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A stored series of calls: its recurrence as given (checked by {@link SeriesRule#parse}), the fields of each
 * occurrence's call, and where it is in its life.
 *
 * @param rule              the recurrence's fields, as parsed and written back (see {@link #rule()})
 * @param callFields        the occurrence calls' fields as a create of a call takes them (phoneNumber, message,
 *                          {@code redial.on}...), checked as POST /calls checks them
 * @param currentCallId     the call of the pending (or last) occurrence; null before the first, or once that call
 *                          was moved (it dials on its own: the next occurrence does not wait for it)
 * @param currentOccurrence the last occurrence created (its local date-time); null before the first, or once a
 *                          pause or an edit withdrew its call (created again if still to come)
 * @param rollsAfter        no occurrence at or before this moment is created (set by a resume: missed ones are skipped)
 * @param endReason         why the series ended, or why its roller paused it (cleared by a resume); null otherwise
 * @param continues         the series this one was split from, or null
 * @param continuedBy       the series split from this one, or null
 * @param version           optimistic-locking counter, 1 when created
 */
public record Series(String id, SeriesStatus status, SeriesRuleFields rule, Map<String, String> callFields,
                     String currentCallId, LocalDateTime currentOccurrence, Instant rollsAfter,
                     List<SeriesException> exceptions, String endReason, String continues, String continuedBy,
                     Instant createdAt, Instant updatedAt, long version) {
    /** Exceptions kept per series, the latest ones (a series that lasts years keeps its recent edits). */
    static final int MAX_EXCEPTIONS = 100;

    public Series {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(rule, "rule");
        callFields = Map.copyOf(new TreeMap<>(callFields));
        exceptions = List.copyOf(exceptions);
    }

    /** The parsed rule (valid: it was checked when the series was written). */
    public SeriesRule parsedRule() {
        return SeriesRule.stored(rule);
    }

    Series with(SeriesStatus newStatus, Instant now) {
        return new Series(id, newStatus, rule, callFields, currentCallId, currentOccurrence, rollsAfter, exceptions,
                endReason, continues, continuedBy, createdAt, now, version);
    }

    Series ended(String reason, Instant now) {
        return new Series(id, SeriesStatus.ENDED, rule, callFields, currentCallId, currentOccurrence, rollsAfter,
                exceptions, reason, continues, continuedBy, createdAt, now, version);
    }

    /** Paused by the system (a roll that cannot make its call), saying why; a resume clears the reason. */
    Series pausedBecause(String reason, Instant now) {
        return new Series(id, SeriesStatus.PAUSED, rule, callFields, currentCallId, currentOccurrence, rollsAfter,
                exceptions, reason, continues, continuedBy, createdAt, now, version);
    }

    Series withCurrent(String callId, LocalDateTime occurrence, Instant now) {
        return new Series(id, status, rule, callFields, callId, occurrence, rollsAfter, exceptions, endReason, continues,
                continuedBy, createdAt, now, version);
    }

    Series resumed(Instant now) {
        return new Series(id, SeriesStatus.ACTIVE, rule, callFields, currentCallId, currentOccurrence, now, exceptions,
                null, continues, continuedBy, createdAt, now, version);
    }

    Series withDefinition(SeriesRuleFields newRule, Map<String, String> newCallFields, Instant now) {
        return new Series(id, status, newRule, newCallFields, currentCallId, currentOccurrence, rollsAfter, exceptions,
                endReason, continues, continuedBy, createdAt, now, version);
    }

    /**
     * Split: ends at {@code endedRule}'s until, continued by {@code next}. An active series stays active so that its
     * roller still makes its occurrences before the split (it ends the series itself at its until); a paused one ends
     * now, as it would make none of them.
     */
    Series continuedBy(String next, SeriesRuleFields endedRule, Instant now) {
        SeriesStatus after = status == SeriesStatus.ACTIVE ? SeriesStatus.ACTIVE : SeriesStatus.ENDED;
        return new Series(id, after, endedRule, callFields, currentCallId, currentOccurrence, rollsAfter,
                exceptions, "split: continued by series " + next, continues, next, createdAt, now, version);
    }

    /** With {@code exception}, replacing an earlier one of the same occurrence; the latest {@value #MAX_EXCEPTIONS} kept. */
    Series withException(SeriesException exception, Instant now) {
        List<SeriesException> kept = new ArrayList<>(exceptions.stream()
                .filter(e -> !e.occurrence().equals(exception.occurrence())).toList());
        kept.add(exception);
        kept.sort(java.util.Comparator.comparing(SeriesException::occurrence));
        while (kept.size() > MAX_EXCEPTIONS) {
            kept.remove(0);
        }
        return new Series(id, status, rule, callFields, currentCallId, currentOccurrence, rollsAfter, kept, endReason,
                continues, continuedBy, createdAt, now, version);
    }

    public Series withVersion(long newVersion) {
        return new Series(id, status, rule, callFields, currentCallId, currentOccurrence, rollsAfter, exceptions,
                endReason, continues, continuedBy, createdAt, updatedAt, newVersion);
    }
}
