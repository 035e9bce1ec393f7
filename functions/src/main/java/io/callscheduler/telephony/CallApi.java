package io.callscheduler.telephony;

import java.util.Optional;

/**
 * The telephony provider: the one port that dials. Each provider is an adapter behind it (see the README's
 * "Providers"); which one a deployment uses is its {@code CallProvider} parameter.
 */
public interface CallApi {

    /**
     * Asks the provider to place a call. Repeating a request whose answer was lost must not dial twice: the
     * caller first asks {@link #findPlaced}.
     *
     * @throws CallApiException on any failure; {@link CallApiException#isTransient()} says whether to retry
     */
    ProviderCall placeCall(DialRequest request);

    /**
     * Reads a placed call's current state.
     *
     * @throws CallApiException on failure; a 404 is {@link CallApiException#isNotFound()}
     */
    ProviderCall getCall(String externalCallId);

    /**
     * The call the provider placed for this request, if any: asked after requests whose answers were lost,
     * before placing again or declaring the call failed, so that a call that is ringing is adopted instead.
     *
     * @throws CallApiException when the provider cannot be asked
     */
    Optional<ProviderCall> findPlaced(DialRequest request);
}
