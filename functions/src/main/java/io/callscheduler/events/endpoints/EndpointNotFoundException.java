package io.callscheduler.events.endpoints;

/** No webhook endpoint with that id. */
public final class EndpointNotFoundException extends RuntimeException {
    public EndpointNotFoundException(String id) {
        super("no webhook endpoint with id '" + id + "'");
    }
}
