package io.callscheduler.domain;

import io.callscheduler.model.Call;
import io.callscheduler.store.CallStore;
import io.callscheduler.store.ConcurrentUpdateException;

import java.util.Optional;
import java.util.function.UnaryOperator;

/** Read-modify-write of one call with optimistic locking, shared by the services. */
final class Calls {
    private static final int MAX_RACES = 5;

    private Calls() {
    }

    /**
     * Applies {@code change} to the stored call and writes the result, re-reading and re-applying when
     * another writer got in between. {@code change} returns its argument unchanged to write nothing.
     *
     * @return the call as written (or as found, when nothing changed); empty if the call does not exist
     */
    static Optional<Call> modify(CallStore store, String id, UnaryOperator<Call> change) {
        for (int race = 0; race < MAX_RACES; race++) {
            Optional<Call> current = store.find(id);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            Call next = change.apply(current.get());
            if (next == current.get()) {
                return current;
            }
            try {
                return Optional.of(store.replace(current.get(), next));
            } catch (ConcurrentUpdateException lostRace) {
                // another writer won; read again and re-apply the change to what it wrote
            }
        }
        throw new ConcurrentUpdateException(id);
    }
}
