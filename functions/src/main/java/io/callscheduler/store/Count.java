package io.callscheduler.store;

/**
 * A count read within a cap on the items read.
 *
 * @param atLeast true when reading stopped at the cap before the end: the real number is {@code count} or more
 */
public record Count(long count, boolean atLeast) {
}
