package io.callscheduler.domain;

import io.callscheduler.model.Call;
import io.callscheduler.model.CallStatus;
import io.callscheduler.model.ProviderProgress;
import io.callscheduler.redial.RedialPolicy;
import io.callscheduler.telephony.ProviderCall;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * Applies what the provider reports of a call (a poll's answer or a pushed callback) to the call, so that
 * it only ever moves forward: statuses follow the lifecycle order queued → initiated → ringing →
 * in-progress → a final one; a final status is final; a callback whose {@code SequenceNumber} is not
 * newer than the last applied one changes nothing. Callbacks arrive out of order and more than once.
 */
public final class ProviderUpdates {
    private static final int FINAL = 4;
    private static final Map<String, Integer> ORDER = Map.of("queued", 0, "initiated", 1, "ringing", 2,
            "in-progress", 3, "completed", FINAL, "busy", FINAL, "no-answer", FINAL, "failed", FINAL, "canceled", FINAL);

    private ProviderUpdates() {
    }

    /**
     * What a call becomes once the provider reported {@code seen}; {@code current} itself when it changes
     * nothing (stale, duplicate, another provider call, a call that is over).
     *
     * @param sequence the callback's SequenceNumber, or null (polls, providers without one)
     * @param callback whether the report was pushed (then {@code lastCallbackAt} is set) rather than polled
     */
    static Call apply(Call current, ProviderCall seen, Long sequence, boolean callback, Instant now) {
        return apply(current, seen, sequence, callback, now, RedialPolicy.OFF);
    }

    /**
     * As above; an attempt that ends in an outcome {@code redial} (or the call's own policy) redials goes back to
     * SCHEDULED for its next attempt instead of ending.
     */
    public static Call apply(Call current, ProviderCall seen, Long sequence, boolean callback, Instant now, RedialPolicy redial) {
        boolean adopting = current.externalCallId() == null;
        if (!adopting && !current.externalCallId().equals(seen.id())) {
            return current; // another dial's call: this one is not ours to follow
        }
        if (adopting && current.status() != CallStatus.DIALING && current.status() != CallStatus.SCHEDULED) {
            return current;
        }
        if (adopting && current.status() == CallStatus.SCHEDULED && !current.attemptClaimed()) {
            // No request of this attempt has gone out (a call never dialed, a redial not yet dialed): a report of
            // "its" call cannot be true.
            return current;
        }
        if (!adopting && !current.status().isActive()) {
            return current; // over: a final status is final
        }
        Long lastSequence = current.progress().lastSequence();
        if (sequence != null && lastSequence != null && sequence <= lastSequence) {
            return current; // a duplicate, or older than what was applied
        }
        Integer rank = rankOf(seen.status());
        Integer currentRank = rankOf(current.providerStatus());
        if (rank == null || (currentRank != null && rank < currentRank)) {
            return current; // unknown, or backwards
        }
        ProviderProgress progress = current.progress();
        ProviderProgress updatedProgress = new ProviderProgress(
                seen.durationSeconds() != null ? seen.durationSeconds() : progress.durationSeconds(),
                seen.answeredBy() != null ? seen.answeredBy() : progress.answeredBy(),
                callback ? now : progress.lastCallbackAt(),
                sequence != null ? sequence : lastSequence);
        boolean news = !seen.status().equals(current.providerStatus()) || !updatedProgress.equals(progress) || adopting;
        if (!news) {
            return current.providerUnknownSince() == null ? current : current.withProviderUnknownSince(null);
        }
        String via = callback ? " (callback" + (sequence == null ? "" : " #" + sequence) + ")" : "";
        Call updated = current.withProvider(seen.id(), seen.status()).withProviderUnknownSince(null).withProgress(updatedProgress);
        if (current.status() == CallStatus.SCHEDULED) {
            // Placed by an attempt whose answer was lost: the provider's report makes it ours again.
            updated = updated.resumeDialing(now, "the provider placed it as " + seen.id() + via);
        }
        CallStatus mapped = ProviderStatuses.toCallStatus(seen.status()).orElse(updated.status());
        String detail = "provider: " + seen.status() + (seen.error() == null ? "" : " (" + seen.error() + ")")
                + (seen.answeredBy() == null ? "" : ", answered by " + seen.answeredBy()) + via;
        RedialPolicy policy = current.redial() != null ? current.redial() : redial;
        if (mapped != updated.status() && policy.redials(mapped, current.dialRound())) {
            Instant next = now.plus(policy.after());
            return updated.note(now, detail).redialAt(next, mapped, now, "redial: attempt " + (current.dialRound() + 1)
                    + " of " + policy.maxAttempts() + " at " + next);
        }
        if (mapped != updated.status() && updated.status().canMoveTo(mapped)) {
            updated = updated.moveTo(mapped, now, detail);
            if (mapped == CallStatus.FAILED) {
                updated = updated.withLastError(seen.error() == null ? "provider reported " + seen.status() : seen.error());
            }
        } else {
            updated = updated.note(now, detail);
        }
        return updated;
    }

    /** The status's place in the lifecycle, or null for one we do not know. */
    static Integer rankOf(String providerStatus) {
        return providerStatus == null ? null : ORDER.get(providerStatus.toLowerCase(Locale.ROOT));
    }
}
