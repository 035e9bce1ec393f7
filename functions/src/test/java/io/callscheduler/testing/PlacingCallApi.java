package io.callscheduler.testing;

import io.callscheduler.telephony.CallApi;
import io.callscheduler.telephony.DialRequest;
import io.callscheduler.telephony.ProviderCall;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** A provider that places every call it is asked for (honouring idempotency keys) and records the numbers dialed. */
public final class PlacingCallApi implements CallApi {
    /** The numbers dialed, one entry per placed call, in order. */
    public final List<String> dialed = new CopyOnWriteArrayList<>();

    @Override
    public boolean idempotentCreates() {
        return true;
    }

    @Override
    public ProviderCall placeCall(DialRequest request) {
        dialed.add(request.to());
        return new ProviderCall("sim-" + dialed.size(), "queued", null);
    }

    @Override
    public ProviderCall getCall(String externalCallId) {
        throw new UnsupportedOperationException("not polled in these tests");
    }

    @Override
    public Optional<ProviderCall> findPlaced(DialRequest request) {
        return Optional.empty();
    }
}
