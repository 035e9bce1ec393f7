package io.callscheduler.events.endpoints;

/** Another request changed the endpoint (or is rotating its secret) while this one ran: try again. */
public final class EndpointChangedException extends RuntimeException {
    public EndpointChangedException(String message) {
        super(message);
    }
}
