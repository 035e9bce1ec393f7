package io.callscheduler.metrics;

import java.time.Duration;

/**
 * What the dialer counts, in its own words: calls dialed and how late, calls failed by reason, provider
 * errors by kind, dials held back by a rule, callbacks received and rejected, status-sync runs. Recording is
 * cheap and never fails the work; an adapter publishes what was recorded once the work is done.
 */
public interface CallMetrics {
    /**
     * A call the provider accepted, {@code lateness} after its scheduled moment; null when it was not a dial on
     * time (a retry after an outage, a redial), whose lateness says nothing about dialing on time.
     */
    void dialed(Duration lateness);

    /** A call that ended FAILED without being placed. */
    void failed(FailureReason reason);

    /** A call ended CANCELED immediately before its dial, its number being on the do-not-call list. */
    void suppressed();

    /** A request to the provider that did not place the call. */
    void providerError(ProviderErrorKind kind);

    /** A dial held back by a rule, for this long. */
    void held(HoldReason reason, Duration by);

    /** A status callback from the provider, accepted (signature valid) or rejected. */
    void callback(String provider, boolean accepted);

    /** One status-sync run: how long it took and how many calls it changed. */
    void statusSync(Duration took, int reconciled);

    /** A call adopted from the provider's report took a line while every line was busy (MaxConcurrentCalls). */
    void lineOverLimit();

    /**
     * DAILY_CAP: not dialed, as the number had its attempts for the day (MaxCallsPerNumberPerDay); NOT_ALLOWED: not
     * dialed, as the number is no longer one the deployment calls (AllowedNumberTypes, AllowedCountryCodes);
     * NEVER_OPEN: not dialed, as the call's zones never share an open moment of the calling hours.
     */
    enum FailureReason { REJECTED, DIAL_DEADLINE, DAILY_CAP, NOT_ALLOWED, NEVER_OPEN }

    /** CREDENTIALS: nothing was sent, as the provider's secret could not be read (an alarm of its own). */
    enum ProviderErrorKind { REJECTED, UNAVAILABLE, RATE_LIMITED, CREDENTIALS }

    enum HoldReason { PACING, CALLING_HOURS, LINES_BUSY }

    /** Records nothing. */
    CallMetrics NONE = new CallMetrics() {
        @Override
        public void dialed(Duration lateness) {
        }

        @Override
        public void failed(FailureReason reason) {
        }

        @Override
        public void suppressed() {
        }

        @Override
        public void providerError(ProviderErrorKind kind) {
        }

        @Override
        public void held(HoldReason reason, Duration by) {
        }

        @Override
        public void callback(String provider, boolean accepted) {
        }

        @Override
        public void statusSync(Duration took, int reconciled) {
        }

        @Override
        public void lineOverLimit() {
        }
    };
}
