package io.callscheduler.store;

import io.callscheduler.destinations.NumberQuota;

/** The number has had its day's quota of calls already: nothing was written. */
public class NumberQuotaExceededException extends RuntimeException {
    private final transient NumberQuota quota;

    public NumberQuotaExceededException(NumberQuota quota) {
        super(quota.phoneNumber() + " has had " + quota.max() + " calls on " + quota.day());
        this.quota = quota;
    }

    public NumberQuota quota() {
        return quota;
    }
}
