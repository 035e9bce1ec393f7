package io.callscheduler.model;

import io.callscheduler.redial.RedialPolicy;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * A list of contacts called through the dispatch pipeline at the campaign's own pace. Immutable; the store bumps
 * {@code version} on each edit or state change and refuses a stale one (optimistic locking, like calls). Its counts
 * are not edited: the store adds to them in the same transaction as the contact's or call's change they count.
 *
 * @param script             what each call says (a {@code message} whose {@code {{field}}}s are filled from the
 *                           contact's columns, or a {@code twimlUrl}) and from which number
 * @param callingHours       the campaign's own daily window ({@code 08:00-20:00}), within the deployment's; "" for its
 * @param callingDays        the campaign's days ({@code Mon-Fri}), within the deployment's; "" for its
 * @param maxCallsPerSecond  the campaign's share of the deployment's dial rate: its calls are spaced this far apart
 * @param maxConcurrentCalls the campaign's share of the deployment's lines; 0 for no share of its own
 * @param redial             the campaign's redial policy for its calls, or null for the deployment's
 * @param startAt            no call is drawn before it; null: at once
 * @param endAt              no call is drawn after it, and the campaign then stops; null: never
 * @param nextSlotAt         where the runner's spacing of calls goes on from (the slot after the last one drawn)
 * @param stopReason         why a STOPPED campaign stopped
 * @param contacts           how many contacts were ever added (the total of the counts)
 * @param counts             contacts by where they stand: {@link #PENDING} (not drawn yet), the statuses of the calls
 *                           made for them, {@link #SUPPRESSED}
 * @param dialsByMinute      dials (provider requests) its calls started, by minute since the epoch, for the last
 *                           minutes only: counted in the same write as the call's move to DIALING (DESIGN_DECISIONS,
 *                           "[progress]")
 */
public record Campaign(String id, String name, CallScript script, String callingHours, String callingDays,
                       double maxCallsPerSecond, int maxConcurrentCalls, RedialPolicy redial, Instant startAt,
                       Instant endAt, CampaignState state, Instant createdAt, Instant updatedAt, Instant nextSlotAt,
                       String stopReason, long contacts, Map<String, Long> counts, long version,
                       Map<Long, Long> dialsByMinute) {
    /** The count of contacts not drawn into a call yet. */
    public static final String PENDING = "PENDING";
    /** The count of contacts the do-not-call list kept from being called. */
    public static final String SUPPRESSED = "SUPPRESSED";

    public Campaign {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        script = script == null ? CallScript.NONE : script;
        callingHours = callingHours == null ? "" : callingHours;
        callingDays = callingDays == null ? "" : callingDays;
        counts = counts == null ? Map.of() : Map.copyOf(counts);
        dialsByMinute = dialsByMinute == null ? Map.of() : Map.copyOf(dialsByMinute);
    }

    /** A campaign with no dials counted yet. */
    public Campaign(String id, String name, CallScript script, String callingHours, String callingDays,
                    double maxCallsPerSecond, int maxConcurrentCalls, RedialPolicy redial, Instant startAt,
                    Instant endAt, CampaignState state, Instant createdAt, Instant updatedAt, Instant nextSlotAt,
                    String stopReason, long contacts, Map<String, Long> counts, long version) {
        this(id, name, script, callingHours, callingDays, maxCallsPerSecond, maxConcurrentCalls, redial, startAt, endAt,
                state, createdAt, updatedAt, nextSlotAt, stopReason, contacts, counts, version, Map.of());
    }

    /** Every count name: pending, each call status, suppressed. */
    public static java.util.List<String> countNames() {
        java.util.List<String> names = new java.util.ArrayList<>();
        names.add(PENDING);
        for (CallStatus status : CallStatus.values()) {
            names.add(status.name());
        }
        names.add(SUPPRESSED);
        return names;
    }

    public long count(String name) {
        return counts.getOrDefault(name, 0L);
    }

    public long count(CallStatus status) {
        return count(status.name());
    }

    /** Calls made and not over yet: waiting, dialing or on the phone. */
    public long callsNotOver() {
        return count(CallStatus.SCHEDULED) + count(CallStatus.DIALING) + count(CallStatus.IN_PROGRESS);
    }

    /** Counts by call status, for the ones that are call statuses. */
    public Map<CallStatus, Long> callCounts() {
        Map<CallStatus, Long> byStatus = new EnumMap<>(CallStatus.class);
        for (CallStatus status : CallStatus.values()) {
            byStatus.put(status, count(status));
        }
        return byStatus;
    }

    public Campaign withState(CampaignState value, Instant now, String reason) {
        return new Campaign(id, name, script, callingHours, callingDays, maxCallsPerSecond, maxConcurrentCalls, redial,
                startAt, endAt, value, createdAt, now, nextSlotAt, reason, contacts, counts, version, dialsByMinute);
    }

    public Campaign withVersion(long value) {
        return new Campaign(id, name, script, callingHours, callingDays, maxCallsPerSecond, maxConcurrentCalls, redial,
                startAt, endAt, state, createdAt, updatedAt, nextSlotAt, stopReason, contacts, counts, value,
                dialsByMinute);
    }

    /** The editable parts replaced (window, pacing, message, redial, dates); state and counts kept. */
    public Campaign edited(String newName, CallScript newScript, String newHours, String newDays, double newRate,
                           int newLines, RedialPolicy newRedial, Instant newStartAt, Instant newEndAt, Instant now) {
        return new Campaign(id, newName, newScript, newHours, newDays, newRate, newLines, newRedial, newStartAt,
                newEndAt, state, createdAt, now, nextSlotAt, stopReason, contacts, counts, version, dialsByMinute);
    }
}
