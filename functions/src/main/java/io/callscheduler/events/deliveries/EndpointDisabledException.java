package io.callscheduler.events.deliveries;

/** A send asked of a disabled endpoint: the delivery would only skip it. */
public final class EndpointDisabledException extends RuntimeException {
    public EndpointDisabledException(String message) {
        super(message);
    }
}
