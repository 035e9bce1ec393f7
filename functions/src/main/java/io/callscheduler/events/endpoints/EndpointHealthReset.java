package io.callscheduler.events.endpoints;

/**
 * Clears what the delivery keeps of an endpoint's failing streak: an endpoint the user enables again starts afresh,
 * so that its first failure after the re-enable does not disable it again on the old streak's age.
 */
public interface EndpointHealthReset {
    EndpointHealthReset NONE = endpointId -> {
    };

    void reset(String endpointId);
}
