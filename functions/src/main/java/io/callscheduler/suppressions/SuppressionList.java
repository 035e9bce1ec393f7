package io.callscheduler.suppressions;

import io.callscheduler.store.Page;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The do-not-call list, shared by every create and every dial. */
public interface SuppressionList {
    /** No list: nothing is ever suppressed (tests and wiring that predate it). */
    SuppressionList NONE = new SuppressionList() {
        @Override
        public Suppression put(Suppression suppression) {
            throw new UnsupportedOperationException("no do-not-call list here");
        }

        @Override
        public boolean remove(String number) {
            return false;
        }

        @Override
        public Optional<Suppression> find(String number) {
            return Optional.empty();
        }

        @Override
        public Page<Suppression> page(String search, int limit, String nextToken) {
            return new Page<>(java.util.List.of(), null);
        }
    };

    /**
     * Adds the number, or updates its entry (reason, source, expiry, evidence) when it is on the list already,
     * keeping when it was first added.
     *
     * @return the entry as stored
     */
    Suppression put(Suppression suppression);

    /**
     * Writes whole entries as they are given (each replaces the number's entry, addedAt and evidence included: read
     * them first to keep them), one at a time unless an adapter batches. Entries are not written atomically together.
     */
    default void putAll(List<Suppression> entries) {
        entries.forEach(this::put);
    }

    /** @return whether the number was on the list (expired or not) */
    boolean remove(String number);

    /** The number's entry, expired or not (see {@link Suppression#activeAt}); empty when it was never added or removed. */
    Optional<Suppression> find(String number);

    /** The entries of those of {@code numbers} on the list, expired or not: one at a time unless an adapter batches. */
    default List<Suppression> findAll(Collection<String> numbers) {
        return numbers.stream().map(this::find).flatMap(Optional::stream).toList();
    }

    /**
     * Like {@link #findAll}, for an early check only (an upload's): an adapter may read a faster way that can miss an
     * entry added a moment ago (the check right before each dial still sees it). Never for an answer that is written
     * back, as the import's refresh is.
     */
    default List<Suppression> screen(Collection<String> numbers) {
        return findAll(numbers);
    }

    /**
     * One page of entries in number order, expired ones included.
     *
     * @param search    null for all; else {@code +} and digits matched within the number, or folded text
     *                  ({@link io.callscheduler.store.CallFilter#fold}) matched within the reason
     * @param nextToken null for the first page, else a token a page of the same search returned
     * @throws io.callscheduler.store.InvalidPageTokenException for a token this list did not issue for this search
     */
    Page<Suppression> page(String search, int limit, String nextToken);
}
