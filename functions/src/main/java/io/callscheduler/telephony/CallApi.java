package io.callscheduler.telephony;

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
}
