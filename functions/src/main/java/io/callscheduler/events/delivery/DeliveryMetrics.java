package io.callscheduler.events.delivery;

/** What the delivery counts: endpoints it disabled (an alarm watches it) and attempts by result. */
public interface DeliveryMetrics {
    /** @param reason {@code GONE} (410) or {@code FAILING} (5 days without a success) */
    void endpointDisabled(String reason);

    /** One attempt, delivered or not. */
    void attempted(boolean delivered);

    DeliveryMetrics NONE = new DeliveryMetrics() {
        @Override
        public void endpointDisabled(String reason) {
        }

        @Override
        public void attempted(boolean delivered) {
        }
    };
}
