package io.callscheduler.dialwaiter;

/** Runs dispatch for a trigger's event and waits for its answer. */
@FunctionalInterface
public interface DispatchHandover {
    /**
     * @return dispatch's answer ({@code {"outcome": ...}})
     * @throws HandoverFailedException when dispatch could not be invoked, or failed
     */
    byte[] dispatch(byte[] event);
}
