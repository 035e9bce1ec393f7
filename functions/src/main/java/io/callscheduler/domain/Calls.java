package io.callscheduler.domain;

import io.callscheduler.model.Call;
import io.callscheduler.store.CallStore;
import io.callscheduler.store.ConcurrentUpdateException;

import java.util.Optional;
import java.util.function.UnaryOperator;

/** Read-modify-write of one call with optimistic locking, shared by the services. */
public final class Calls {
    private static final int MAX_RACES = 5;

    /**
     * What {@link #modify} did.
     *
     * @param call    the call as written, or as found when the change declined
     * @param written whether this process wrote {@code call}: only then did its change take effect (a claim
     *                this process may act on)
     */
    public record Modified(Call call, boolean written) {
    }

    private Calls() {
    }

    /**
     * Applies {@code change} to the stored call and writes the result, re-reading and re-applying when
     * another writer got in between. {@code change} returns its argument unchanged to decline (write nothing).
     *
     * @return what happened; empty if the call does not exist
     */
    public static Optional<Modified> modify(CallStore store, String id, UnaryOperator<Call> change) {
        for (int race = 0; race < MAX_RACES; race++) {
            Optional<Call> current = store.find(id);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            Call next = change.apply(current.get());
            if (next == current.get()) {
                return Optional.of(new Modified(current.get(), false));
            }
            try {
                return Optional.of(new Modified(store.replace(current.get(), next), true));
            } catch (ConcurrentUpdateException lostRace) {
                // another writer won; read again and re-apply the change to what it wrote
            }
        }
        throw new ConcurrentUpdateException(id);
    }

    /** {@link #modify}, for callers that want the resulting call whether or not anything was written. */
    public static Optional<Call> update(CallStore store, String id, UnaryOperator<Call> change) {
        return modify(store, id, change).map(Modified::call);
    }
}
