package io.callscheduler.telephony;

import java.util.Optional;

/**
 * The telephony provider: the one port that dials. Each provider is an adapter behind it (see the README's
 * "Providers"); which one a deployment uses is its {@code CallProvider} parameter.
 */
public interface CallApi {

    /**
     * Whether sending the same create again cannot place a second call (the provider honours an idempotency key).
     * When false, a create whose answer was lost may only be sent again after {@link #findPlaced} has shown that
     * nothing was placed: the dispatch pipeline enforces it, for immediate re-sends, later ones and reclaims.
     */
    boolean idempotentCreates();

    /**
     * Asks the provider to place a call. For a provider without {@link #idempotentCreates()}, the caller asks
     * {@link #findPlaced} before repeating a request whose answer was lost.
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
