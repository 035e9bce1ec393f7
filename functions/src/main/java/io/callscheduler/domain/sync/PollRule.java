package io.callscheduler.domain.sync;

import io.callscheduler.domain.Calls;
import io.callscheduler.domain.DialTriggers;
import io.callscheduler.domain.ProviderUpdates;
import io.callscheduler.model.Call;
import io.callscheduler.model.CallStatus;
import io.callscheduler.redial.RedialPolicy;
import io.callscheduler.store.CallStore;
import io.callscheduler.telephony.CallApi;
import io.callscheduler.telephony.CallApiException;
import io.callscheduler.telephony.ProviderCall;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A placed call (DIALING with a provider id, or IN_PROGRESS) whose callbacks went quiet for {@code reconcileAfter} is
 * polled, and what the provider says applied as a callback would be (a redial included). A call the provider keeps not
 * knowing for {@code unknownGrace}, or still active {@code maxActive} after dialing, is FAILED.
 */
final class PollRule implements SyncRule {
    private final CallStore store;
    private final CallApi callApi;
    private final RedialPolicy redial;
    /** Arranges a redialed call's next attempt; null leaves it to the sweep. */
    private final DialTriggers triggers;
    private final SyncSettings settings;
    private final Clock clock;

    PollRule(CallStore store, CallApi callApi, RedialPolicy redial, DialTriggers triggers,
             SyncSettings settings, Clock clock) {
        this.store = store;
        this.callApi = callApi;
        this.redial = redial;
        this.triggers = triggers;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void visit(Call call, Instant runStart, Instant deadline, SyncTally tally) {
        if (call.externalCallId() == null) {
            return; // not placed yet: the reclaim rule's
        }
        Instant lastHeard = call.progress().lastCallbackAt();
        Instant dialed = call.dialStartedAt() != null ? call.dialStartedAt() : call.updatedAt();
        Instant quietSince = lastHeard != null && lastHeard.isAfter(dialed) ? lastHeard : dialed;
        if (quietSince.plus(settings.reconcileAfter()).isAfter(runStart)) {
            return; // callbacks are flowing
        }
        poll(call, tally);
    }

    private void poll(Call call, SyncTally tally) {
        Instant now = clock.instant();
        ProviderCall seen;
        try {
            seen = callApi.getCall(call.externalCallId());
        } catch (CallApiException e) {
            if (e.isNotFound()) {
                tally.polled.incrementAndGet();
                providerDoesNotKnow(call, now, tally);
            } else {
                tally.errors.incrementAndGet();
                failIfActiveTooLong(call, now, tally);
            }
            return;
        }
        tally.polled.incrementAndGet();
        var modified = Calls.modify(store, call.id(), current -> seen.id().equals(current.externalCallId())
                ? ProviderUpdates.apply(current, seen, null, false, now, redial) : current).orElse(null);
        if (modified != null && modified.written()) {
            tally.changed.incrementAndGet();
            if (modified.call().status() == CallStatus.SCHEDULED && triggers != null) {
                triggers.arrangeOrLeaveToSweep(modified.call(), "redial");
            }
        } else {
            failIfActiveTooLong(call, now, tally);
        }
    }

    /**
     * A 404 for a call the provider accepted: providers have read-after-write lag, so the call fails only once the
     * provider has kept not knowing it for {@code unknownGrace}.
     */
    private void providerDoesNotKnow(Call call, Instant now, SyncTally tally) {
        Instant since = call.providerUnknownSince();
        boolean gaveUp = since != null && !now.isBefore(since.plus(settings.unknownGrace()));
        String reason = since == null ? null : "the Call API has not known call " + call.externalCallId() + " for "
                + Duration.between(since, now).toSeconds() + " s (since " + since + ")";
        boolean written = Calls.modify(store, call.id(), current -> {
            if (!current.status().isActive() || !call.externalCallId().equals(current.externalCallId())) {
                return current;
            }
            if (current.providerUnknownSince() == null) {
                return current.withProviderUnknownSince(now)
                        .note(now, "the Call API does not know call " + call.externalCallId() + " (yet); polling on");
            }
            return gaveUp ? current.fail(now, reason) : current;
        }).map(Calls.Modified::written).orElse(false);
        if (written && gaveUp) {
            tally.changed.incrementAndGet();
        }
    }

    private void failIfActiveTooLong(Call call, Instant now, SyncTally tally) {
        Instant since = call.dialStartedAt() != null ? call.dialStartedAt() : call.scheduledAt();
        if (since.plus(settings.maxActiveDuration()).isAfter(now)) {
            return;
        }
        String reason = "no final status from the Call API within " + settings.maxActiveDuration().toHours() + " h";
        boolean failed = Calls.modify(store, call.id(), current -> current.status().isActive()
                ? current.fail(now, reason) : current)
                .map(Calls.Modified::written).orElse(false);
        if (failed) {
            tally.changed.incrementAndGet();
        }
    }
}
