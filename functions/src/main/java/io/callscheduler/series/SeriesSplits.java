package io.callscheduler.series;

import io.callscheduler.domain.ValidationException;
import io.callscheduler.store.ConcurrentUpdateException;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * "This and the following occurrences": a series split at one of its occurrences. The old series ends before it
 * (its until set to the second before, ENDED, continued by the new one); the new series, which continues the old,
 * starts there with the changes. The old series' pending call is withdrawn first if it is the split occurrence or
 * later (if it cannot be, the new series starts after it: never both dial it); both series are written in one
 * transaction, and the new series rolls.
 */
final class SeriesSplits {
    private static final int MAX_RACES = 8;
    private final SeriesStore store;
    private final SeriesChanges changes;
    private final SeriesDefinitions definitions;
    private final SeriesPendingCalls pendingCalls;
    private final SeriesRoller roller;
    private final Clock clock;
    private final Supplier<String> ids;

    SeriesSplits(SeriesStore store, SeriesChanges changes, SeriesDefinitions definitions, SeriesPendingCalls pendingCalls,
                 SeriesRoller roller, Clock clock, Supplier<String> ids) {
        this.store = Objects.requireNonNull(store, "store");
        this.changes = Objects.requireNonNull(changes, "changes");
        this.definitions = Objects.requireNonNull(definitions, "definitions");
        this.pendingCalls = Objects.requireNonNull(pendingCalls, "pendingCalls");
        this.roller = Objects.requireNonNull(roller, "roller");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    Series split(String id, SeriesRequest request) {
        String nextId = ids.get();
        Set<String> withdrawn = new HashSet<>();
        for (int race = 0; race < MAX_RACES; race++) {
            Series old = changes.get(id);
            SeriesChanges.refuseUnlessEditable(old, "split");
            Instant now = clock.instant();
            SeriesRule oldRule = old.parsedRule();
            LocalDateTime from = SeriesTimes.local("from", "from", request.from());
            Occurrence split = occurrenceAt(oldRule, from, now);
            SeriesRuleFields rule = continuation(old, oldRule, request, split);
            rule = definitions.checked(rule, SeriesDefinitions.mergedFields(old, request), now);
            var fields = SeriesDefinitions.mergedFields(old, request);
            Series next = new Series(nextId, old.status() == SeriesStatus.PAUSED ? SeriesStatus.PAUSED
                    : SeriesStatus.ACTIVE, rule, fields, null, null, startsAfter(old, oldRule, split, nextId, withdrawn, now),
                    inherited(old, split), null, old.id(), null, now, now, 1);
            Series ended = old.continuedBy(next.id(), endedBefore(old, split), now);
            try {
                store.split(old, ended, next);
            } catch (ConcurrentUpdateException lostRace) {
                continue;
            }
            roller.roll(next.id());
            return changes.get(next.id());
        }
        throw new ConcurrentUpdateException("series " + id);
    }

    /**
     * Where the new series starts rolling: now, unless the old series already created an occurrence at or after the
     * split whose call it keeps (dialing, done early, moved or canceled by the user): then after that occurrence, so
     * that it is not dialed twice. The old series' pending call there is withdrawn first when it can still be.
     */
    private Instant startsAfter(Series old, SeriesRule oldRule, Occurrence split, String nextId, Set<String> withdrawn,
                                Instant now) {
        if (old.currentOccurrence() == null || old.currentOccurrence().isBefore(split.local())
                || pendingCalls.withdraw(old, withdrawn, "replaced by series " + nextId + " (split at "
                + split.local() + ")", now)) {
            return now;
        }
        Instant kept = LocalTimes.place(old.currentOccurrence(), oldRule.timeZone()).at();
        return kept.isAfter(now) ? kept : now;
    }

    /**
     * The old series' exceptions at or after the split: an occurrence there that the user canceled or moved (or that
     * was skipped) has, or had, its own call, so the new series must not create it either.
     */
    private static List<SeriesException> inherited(Series old, Occurrence split) {
        return old.exceptions().stream().filter(e -> !e.occurrence().isBefore(split.local())).toList();
    }

    /** {@code from} must be an occurrence of the series that has not passed. */
    private static Occurrence occurrenceAt(SeriesRule rule, LocalDateTime from, Instant now) {
        Instant placed = LocalTimes.place(from, rule.timeZone()).at();
        Instant after = placed.minusSeconds(1);
        Occurrence found = rule.next(after.isBefore(now) ? now : after, 1).occurrences().stream().findFirst()
                .filter(o -> o.local().equals(from)).orElse(null);
        if (found == null) {
            throw new ValidationException("from", "NOT_AN_OCCURRENCE", "from " + from + " is not an occurrence of the "
                    + "series still to come (in its zone " + rule.timeZone() + ")");
        }
        return found;
    }

    /**
     * The new series' rule: the old one with the request's changes, from the split occurrence on.
     *
     * @throws ValidationException naming startAt when the request's startAt is before the split occurrence (the two
     *                             series would overlap)
     */
    private static SeriesRuleFields continuation(Series old, SeriesRule oldRule, SeriesRequest request, Occurrence split) {
        SeriesRuleFields merged = SeriesDefinitions.merged(old.rule(), request);
        String startAt = request.given().contains("startAt") ? merged.startAt() : split.local().toString();
        if (request.given().contains("startAt")) {
            java.time.ZoneId zone = SeriesTimes.zone(merged.timeZone());
            Instant starts = LocalTimes.place(SeriesTimes.localOrInstant("startAt", startAt, zone), zone).at();
            if (starts.isBefore(split.at())) {
                throw new ValidationException("startAt", "INVALID_VALUE", "startAt " + startAt + " is before from "
                        + split.local() + ": the new series would dial occurrences the old one still has");
            }
        }
        Integer count = merged.count();
        boolean endGiven = request.given().contains("count") || request.given().contains("until");
        if (!endGiven && count != null) {
            // What is left of the old count: the rule's instances before the split were the old series' (an exdated
            // one counts, as COUNT counts it).
            count = (int) Math.max(1, count - SeriesExpansion.instancesBefore(oldRule, split.local()));
        }
        return new SeriesRuleFields(merged.timeZone(), merged.rrule(), startAt, merged.until(), count, merged.exdates());
    }

    /** The old rule, ending the second before the split occurrence; unchanged if that would leave it no occurrence. */
    private static SeriesRuleFields endedBefore(Series old, Occurrence split) {
        SeriesRuleFields rule = old.rule();
        SeriesRuleFields ended = new SeriesRuleFields(rule.timeZone(), rule.rrule(), rule.startAt(),
                split.at().minusSeconds(1).toString(), null, rule.exdates());
        try {
            SeriesRule.parse(ended);
            return ended;
        } catch (ValidationException noneBefore) {
            return rule;
        }
    }
}
