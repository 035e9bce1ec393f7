package io.callscheduler.events.endpoints;

import io.callscheduler.events.signing.SigningKeys;

/**
 * Where endpoints' signing secrets are kept, apart from the endpoints themselves and encrypted at rest. Adapters
 * never log a value.
 */
public interface SigningSecretStore {
    /** Stores the first keys of a new endpoint. */
    void create(String endpointId, SigningKeys keys);

    /** @throws EndpointNotFoundException when the endpoint has no secret */
    SigningKeys read(String endpointId);

    /** Replaces the endpoint's keys (a rotation). */
    void put(String endpointId, SigningKeys keys);

    /** Deletes the endpoint's secret; nothing when there is none. */
    void delete(String endpointId);
}
