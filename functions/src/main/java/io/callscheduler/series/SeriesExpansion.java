package io.callscheduler.series;

import org.dmfs.rfc5545.DateTime;
import org.dmfs.rfc5545.recur.RecurrenceRuleIterator;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Expands a series: lib-recur iterates the rule in floating local time (no zone, so its own handling of
 * daylight saving never applies: see {@code LibRecurZonesTest}), and each local date-time is then placed in the
 * series' zone by {@link LocalTimes}.
 */
final class SeriesExpansion {
    /** Rule instances examined in one call at most (exdates, instances before {@code after}); then it gives up. */
    static final int MAX_INSTANCES_EXAMINED = 100_000;
    /** The most occurrences one call lists. */
    static final int MAX_ASKED = 1_000;
    /**
     * Occurrences are at least this far apart. The rules allowed make local times an hour or more apart, but
     * daylight saving can bring two instants closer (Lord Howe's 01:45 and 02:45 on its spring day are 30 minutes
     * apart; 02:30 shifted out of New York's gap is 03:30 itself): the later one is skipped, as an exdate is.
     */
    static final Duration MIN_SPACING = Duration.ofHours(1);
    /**
     * How far before {@code after} an open rule's iteration resumes, so that the spacing above is judged against
     * the occurrence before {@code after} exactly as when iterating from the start (spacing only matters within
     * hours of a change of offset, and a zone's changes are more than two days apart).
     */
    private static final Duration RESUME_MARGIN = Duration.ofDays(2);

    private SeriesExpansion() {
    }

    /** @param after null for the series' first occurrences */
    static NextOccurrences next(SeriesRule series, Instant after, int n) {
        if (n < 1 || n > MAX_ASKED) {
            throw new IllegalArgumentException("ask for 1 to " + MAX_ASKED + " occurrences, not " + n);
        }
        Integer count = series.count().isPresent() ? series.count().getAsInt() : null;
        RecurrenceRuleIterator instances;
        try {
            instances = series.rule().iterator(floating(series.startAt()));
            if (after != null && count == null) {
                // A COUNT must be counted from the start; any other rule can skip ahead.
                LocalDateTime resume = after.atZone(series.timeZone()).toLocalDateTime().minus(RESUME_MARGIN);
                if (resume.isAfter(series.startAt())) {
                    instances.fastForward(floating(resume));
                }
            }
        } catch (IllegalArgumentException | IllegalStateException noneFound) {
            // lib-recur looks for the first instance at once, and gives up as below.
            return new NextOccurrences(List.of(), NextOccurrences.Stop.GAVE_UP);
        }
        Instant until = series.until().orElse(null);
        List<Occurrence> found = new ArrayList<>();
        Instant lastDialed = null;
        int made = 0;
        for (int examined = 0; found.size() < n; examined++) {
            if (count != null && made >= count) {
                return new NextOccurrences(found, NextOccurrences.Stop.SERIES_ENDED);
            }
            if (examined >= MAX_INSTANCES_EXAMINED) {
                return new NextOccurrences(found, NextOccurrences.Stop.GAVE_UP);
            }
            DateTime instance;
            try {
                if (!instances.hasNext()) {
                    return new NextOccurrences(found, NextOccurrences.Stop.SERIES_ENDED);
                }
                instance = instances.nextDateTime();
            } catch (IllegalArgumentException | IllegalStateException noneFound) {
                // lib-recur's own bounds: "too many filtered recurrence instances" (a rule that never matches), and
                // "too many empty recurrence sets" (a BYSETPOS beyond every set, such as BYSETPOS=5;BYHOUR=9,10).
                return new NextOccurrences(found, NextOccurrences.Stop.GAVE_UP);
            }
            made++;
            Occurrence occurrence = LocalTimes.place(local(instance), series.timeZone());
            if (until != null && occurrence.at().isAfter(until)) {
                return new NextOccurrences(found, NextOccurrences.Stop.SERIES_ENDED);
            }
            if (series.exdates().contains(occurrence.local())
                    || lastDialed != null && occurrence.at().isBefore(lastDialed.plus(MIN_SPACING))) {
                continue;
            }
            lastDialed = occurrence.at();
            if (after == null || occurrence.at().isAfter(after)) {
                found.add(occurrence);
            }
        }
        return new NextOccurrences(found, NextOccurrences.Stop.ASKED_FOR);
    }

    /**
     * The rule's instances before {@code before} (local), as its COUNT counts them: exdated ones and ones dropped for
     * spacing included. For a series with a count (at most {@link SeriesRule#MAX_COUNT} instances are iterated).
     */
    static long instancesBefore(SeriesRule series, LocalDateTime before) {
        int count = series.count().orElse(SeriesRule.MAX_COUNT);
        long made = 0;
        try {
            RecurrenceRuleIterator instances = series.rule().iterator(floating(series.startAt()));
            while (made < count && instances.hasNext() && local(instances.nextDateTime()).isBefore(before)) {
                made++;
            }
        } catch (IllegalArgumentException | IllegalStateException noneFound) {
            // lib-recur's bounds, as in next(): no further instance
        }
        return made;
    }

    /** lib-recur's floating (zone-less) date-time; its months count from 0. */
    private static DateTime floating(LocalDateTime local) {
        return new DateTime(local.getYear(), local.getMonthValue() - 1, local.getDayOfMonth(), local.getHour(),
                local.getMinute(), local.getSecond());
    }

    private static LocalDateTime local(DateTime floating) {
        return LocalDateTime.of(floating.getYear(), floating.getMonth() + 1, floating.getDayOfMonth(),
                floating.getHours(), floating.getMinutes(), floating.getSeconds());
    }
}
