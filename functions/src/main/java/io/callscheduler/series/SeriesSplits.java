package io.callscheduler.series;

import io.callscheduler.domain.ValidationException;
import io.callscheduler.model.Call;
import io.callscheduler.store.ConcurrentUpdateException;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

/**
 * "This and the following occurrences": a series split at one of its occurrences. The old series ends before it
 * (its until set to the second before, ENDED, continued by the new one); the new series, which continues the old,
 * starts there with the changes. Both are written in one transaction; then the old series' pending call is canceled
 * if it is the split occurrence or later, and the new series rolls.
 */
final class SeriesSplits {
    private static final int MAX_RACES = 8;
    private final SeriesService service;

    SeriesSplits(SeriesService service) {
        this.service = service;
    }

    Series split(String id, SeriesRequest request) {
        for (int race = 0; race < MAX_RACES; race++) {
            Series old = service.get(id);
            SeriesService.refuseUnlessLive(old, "split");
            Instant now = service.clock().instant();
            SeriesRule oldRule = old.parsedRule();
            LocalDateTime from = SeriesService.local("from", request.from());
            Occurrence split = occurrenceAt(oldRule, from, now);
            SeriesRuleFields rule = continuation(old, oldRule, request, split);
            rule = service.checked(rule, SeriesService.mergedFields(old, request), now);
            var fields = SeriesService.mergedFields(old, request);
            Series next = new Series(service.ids().get(), old.status() == SeriesStatus.PAUSED ? SeriesStatus.PAUSED
                    : SeriesStatus.ACTIVE, rule, fields, null, null, now, List.of(), null, old.id(), null, now, now, 1);
            Series ended = old.continuedBy(next.id(), endedBefore(old, split), now);
            try {
                service.store().split(old, ended, next);
            } catch (ConcurrentUpdateException lostRace) {
                continue;
            }
            Call pending = service.pendingCall(old);
            if (pending != null && !pending.occurrence().isBefore(split.local())) {
                service.cancel(pending, "replaced by series " + next.id() + " (split at " + split.local() + ")", now);
            }
            service.roller().roll(next.id());
            return service.get(next.id());
        }
        throw new ConcurrentUpdateException("series " + id);
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

    /** The new series' rule: the old one with the request's changes, from the split occurrence on. */
    private static SeriesRuleFields continuation(Series old, SeriesRule oldRule, SeriesRequest request, Occurrence split) {
        SeriesRuleFields merged = SeriesService.merged(old.rule(), request);
        String startAt = request.given().contains("startAt") ? merged.startAt() : split.local().toString();
        Integer count = merged.count();
        boolean endGiven = request.given().contains("count") || request.given().contains("until");
        if (!endGiven && count != null) {
            // What is left of the old count: those before the split were the old series'.
            long before = SeriesExpansion.next(oldRule, null, Math.min(count, SeriesExpansion.MAX_ASKED)).occurrences()
                    .stream().filter(o -> o.local().isBefore(split.local())).count();
            count = (int) Math.max(1, count - before);
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
