package io.callscheduler.store;

import io.callscheduler.model.Call;
import io.callscheduler.model.CallStatus;
import io.callscheduler.model.WaitingFor;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The page's views of the calls ({@code GET /calls?view=}), each read from one lane of calls, in which the store
 * keeps every call it writes (see DESIGN_DECISIONS.md, decision 3):
 * <ul>
 *   <li>{@link #NOW}: the {@link Lane#ACTIVE} lane, the most recently due first, then the {@link Lane#ENDED} lane's
 *       calls that ended within {@link #RECENT}, the latest first;</li>
 *   <li>{@link #UPCOMING}: the {@link Lane#UPCOMING} lane, soonest due first;</li>
 *   <li>{@link #HISTORY}: the {@link Lane#ENDED} lane, the latest ended first.</li>
 * </ul>
 */
public enum CallView {
    NOW, UPCOMING, HISTORY;

    /** How far back "now" shows the calls that ended. */
    public static final Duration RECENT = Duration.ofHours(1);
    /**
     * A SCHEDULED call due within this of when it was last written is being dialed, not waited for: a "call now"
     * shows among the active calls from its first write, not only once dispatch has claimed it.
     */
    static final Duration DUE_NOW = Duration.ofMinutes(1);
    /** Waits that are part of a try under way (seconds to minutes), unlike calling hours or a redial. */
    private static final Set<WaitingFor> WAITS_UNDER_WAY = Set.of(WaitingFor.RETRY, WaitingFor.DIAL_SLOT, WaitingFor.LINE);

    /** Which calls a view lists; every call is in exactly one lane. */
    public enum Lane {
        /** Dialing, on the phone, or SCHEDULED while its try is under way (due now, waiting for a line, a slot or a retry, or a request unconfirmed). */
        ACTIVE,
        /** SCHEDULED and waiting for its time, calling hours or a redial. */
        UPCOMING,
        /** In a final status. */
        ENDED
    }

    /** Parses a view name case-insensitively; empty when it names no view. */
    public static Optional<CallView> parse(String name) {
        for (CallView view : values()) {
            if (view.name().equalsIgnoreCase(name.strip())) {
                return Optional.of(view);
            }
        }
        return Optional.empty();
    }

    public String lowerCaseName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Lane laneOf(Call call) {
        if (call.status().isTerminal()) {
            return Lane.ENDED;
        }
        if (call.status() != CallStatus.SCHEDULED || call.unconfirmedSince() != null
                || (call.waitingFor() != null && WAITS_UNDER_WAY.contains(call.waitingFor()))
                || (call.waitingFor() == null && !call.dueAt().isAfter(call.updatedAt().plus(DUE_NOW)))) {
            return Lane.ACTIVE;
        }
        return Lane.UPCOMING;
    }

    /**
     * Where a call sorts in its lane: when it was due for {@link Lane#ACTIVE} (stable while it rings, so rows do not
     * jump), when it is due for {@link Lane#UPCOMING}, when it ended for {@link Lane#ENDED}.
     */
    public static Instant laneTime(Call call) {
        return switch (laneOf(call)) {
            case ACTIVE -> call.scheduledAt();
            case UPCOMING -> call.dueAt();
            case ENDED -> call.endedAt();
        };
    }
}
