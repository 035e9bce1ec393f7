package io.callscheduler.series;

import java.util.List;

/**
 * The answer of {@link SeriesRule#next}: the occurrences found, in order, and why the list stops where it does.
 *
 * @param occurrences at most the number asked for
 * @param stop        {@link Stop#ASKED_FOR} when that many were found (more may follow)
 */
public record NextOccurrences(List<Occurrence> occurrences, Stop stop) {
    public NextOccurrences {
        occurrences = List.copyOf(occurrences);
    }

    /** Why the list ends. */
    public enum Stop {
        /** As many as asked for were found; the series may go on. */
        ASKED_FOR,
        /** The series has no more: its count or until is reached, or the rule ends. */
        SERIES_ENDED,
        /**
         * The search gave up before finding as many as asked for: lib-recur found no instance in 4,320 consecutive
         * periods of the rule's FREQ (4,320 years for a YEARLY rule on February 30), or
         * {@link SeriesExpansion#MAX_INSTANCES_EXAMINED} instances were examined in one call. The occurrences found
         * are right; there may be later ones.
         */
        GAVE_UP
    }
}
