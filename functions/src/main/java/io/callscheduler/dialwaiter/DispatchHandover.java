package io.callscheduler.dialwaiter;

/** Runs dispatch for a trigger's event and waits for its answer. */
@FunctionalInterface
public interface DispatchHandover {
    /**
     * @return dispatch's answer ({@code {"outcome": ...}})
     * @throws HandoverFailedException when dispatch could not be invoked, or failed
     */
    byte[] dispatch(byte[] event);

    /**
     * Before a long wait: makes the coming {@link #dispatch} fast (a fresh container's first request loads its
     * code, slow at 128 MB). Best effort: it never fails.
     */
    default void prepare() {
    }
}
