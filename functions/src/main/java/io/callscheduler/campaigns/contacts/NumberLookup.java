package io.callscheduler.campaigns.contacts;

import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A set of numbers the import asks about in one batch (the do-not-call list; the numbers a campaign already
 * has), so that an adapter can answer a whole file with a few batched reads rather than one per row.
 */
@FunctionalInterface
public interface NumberLookup {
    /** None: nothing is suppressed, no campaign number is known. */
    NumberLookup NONE = numbers -> Set.of();

    /**
     * @param numbers E.164 numbers
     * @return those of {@code numbers} that are in the set
     */
    Set<String> present(Set<String> numbers);

    /** A lookup asking {@code contains} number by number. */
    static NumberLookup of(Predicate<String> contains) {
        return numbers -> numbers.stream().filter(contains).collect(Collectors.toUnmodifiableSet());
    }
}
