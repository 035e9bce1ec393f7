package io.callscheduler.events.deliveries;

/** The delivery log has no such message for the endpoint (never, or no longer: it keeps 30 days). */
public final class DeliveryNotFoundException extends RuntimeException {
    public DeliveryNotFoundException(String messageId) {
        super("no delivery '" + (messageId.length() > 64 ? messageId.substring(0, 64) + "..." : messageId) + "' for this endpoint");
    }
}
