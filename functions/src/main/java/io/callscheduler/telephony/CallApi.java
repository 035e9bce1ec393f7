package io.callscheduler.telephony;

import java.util.Optional;

/** The external telephony provider (see the README's "Call API contract"). */
public interface CallApi {

    /**
     * Asks the provider to place a call. The provider deduplicates on {@code idempotencyKey}, so repeating
     * a request whose answer was lost cannot dial twice.
     *
     * @throws CallApiException on any failure; {@link CallApiException#isTransient()} says whether to retry
     */
    ProviderCall placeCall(String phoneNumber, String idempotencyKey);

    /**
     * Reads a placed call's current state.
     *
     * @throws CallApiException on failure; a 404 is {@link CallApiException#isNotFound()}
     */
    ProviderCall getCall(String externalCallId);

    /**
     * The call the provider placed for this idempotency key, if any: asked after requests whose answers were
     * lost, before a call is declared failed, so that a call that is ringing is adopted instead.
     *
     * @throws CallApiException when the provider cannot be asked
     */
    Optional<ProviderCall> findByIdempotencyKey(String idempotencyKey);
}
