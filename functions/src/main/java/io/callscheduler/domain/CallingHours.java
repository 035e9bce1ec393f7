package io.callscheduler.domain;

import io.callscheduler.callinghours.CalleeZones;
import io.callscheduler.callinghours.CallingWindow;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The deployment's calling hours (CallingHours, CallingDays) and where they apply: in the callee's zone,
 * given with the call ({@code calleeTimeZone}), else inferred from the number (every zone it may ring in),
 * else the call's own {@code timeZone}.
 */
public final class CallingHours {
    /** The error code of a refusal: the API's answer for a call outside the calling hours. */
    static final String OUTSIDE_CALLING_HOURS = "OUTSIDE_CALLING_HOURS";
    private static final String GIVE_CALLEE_TIME_ZONE = "give calleeTimeZone, the callee's own IANA time zone (such as "
            + "America/Chicago), so that the calling hours are checked there only";

    /** No calling hours: any moment is allowed and no zone is inferred. */
    public static final CallingHours ANY_TIME = new CallingHours(CallingWindow.ANY, () -> CalleeZones.UNKNOWN);

    private final CallingWindow window;
    private final Supplier<CalleeZones> zones;

    /** @param zones built on first use only, as the mapper's data costs the cold start */
    public CallingHours(CallingWindow window, Supplier<CalleeZones> zones) {
        this.window = Objects.requireNonNull(window, "window");
        this.zones = Objects.requireNonNull(zones, "zones");
    }

    public CallingWindow window() {
        return window;
    }

    /** The same zones under another window (a campaign's, within the deployment's). */
    public CallingHours withWindow(CallingWindow other) {
        return new CallingHours(other, zones);
    }

    /**
     * The zones to store with a new call.
     *
     * @param given the request's {@code calleeTimeZone}, or null
     * @throws ValidationException when {@code given} is not an IANA zone
     */
    public List<String> calleeZones(String phoneNumber, String given) {
        if (given != null && !given.isBlank()) {
            try {
                return List.of(ZoneId.of(given.strip()).getId());
            } catch (DateTimeException e) {
                throw new ValidationException("calleeTimeZone", "INVALID_TIME_ZONE",
                        "calleeTimeZone '" + given.strip() + "' is not an IANA time zone such as America/New_York");
            }
        }
        if (window.isAnyTime()) {
            return List.of();
        }
        return zones.get().zonesOf(phoneNumber).stream().map(ZoneId::getId).toList();
    }

    /**
     * For a create: refuses a moment outside the window in any of {@code zones}.
     *
     * @throws ValidationException {@code OUTSIDE_CALLING_HOURS} naming {@code scheduledAt} with the next allowed
     *                             moment, or naming {@code calleeTimeZone} when the zones never share an open one
     */
    void checkNew(Instant at, List<ZoneId> zones) {
        check(at, zones, GIVE_CALLEE_TIME_ZONE);
    }

    /** For a reschedule, as {@link #checkNew}; a call's zones are set when it is created, so the remedy differs. */
    void checkReschedule(Instant at, List<ZoneId> zones) {
        check(at, zones, "a call's zones are set when it is created: cancel this call and create it again with "
                + "calleeTimeZone, the callee's own IANA time zone (such as America/Chicago)");
    }

    private void check(Instant at, List<ZoneId> zones, String remedyWhenNeverOpen) {
        if (!allows(at, zones)) {
            throw refusal(at, zones, window.nextOpeningIfAny(at, zones), remedyWhenNeverOpen);
        }
    }

    /** Why a call at {@code at}, outside the window, may not dial: the next opening, or why there is none. */
    private ValidationException refusal(Instant at, List<ZoneId> zones, Optional<Instant> opening, String remedyWhenNeverOpen) {
        return opening
                .map(next -> new ValidationException("scheduledAt", OUTSIDE_CALLING_HOURS, "scheduledAt " + at
                        + " is outside the calling hours (" + window.describe() + ") in " + names(zones)
                        + "; the next allowed moment is " + next))
                .orElseGet(() -> new ValidationException("calleeTimeZone", OUTSIDE_CALLING_HOURS, neverOpen(zones)
                        + "; " + remedyWhenNeverOpen));
    }

    /** The plain words for zones that are never all inside the window at once. */
    public String neverOpen(List<ZoneId> zones) {
        return "the time zones this number may ring in (" + String.join(", ", zones.stream().map(ZoneId::getId).toList())
                + ") never share an open moment within the calling hours (" + window.describe()
                + "), so no time can be allowed for it";
    }

    public boolean allows(Instant at, List<ZoneId> zones) {
        return window.isAnyTime() || window.allows(at, zones);
    }

    /** The first allowed moment at or after {@code at}; empty when the zones never share an open one. */
    public Optional<Instant> nextOpeningIfAny(Instant at, List<ZoneId> zones) {
        return window.nextOpeningIfAny(at, zones);
    }

    /**
     * Whether a call to a number may dial at a moment, for the page to tell before it sends a call.
     *
     * @param window        the deployment's window, as {@link CallingWindow#describe()} words it
     * @param zones         the zones it applies in (empty when any time is allowed)
     * @param allowed       whether {@code at} is inside the window in every zone
     * @param nextAllowedAt the next moment inside it, when {@code at} is not (else null; also null when the
     *                      zones never share an open moment)
     * @param reason        why {@code at} is not allowed, in the words a create would answer (else null)
     */
    public record Verdict(String window, boolean anyTime, List<String> zones, Instant at, boolean allowed,
                          Instant nextAllowedAt, String reason) {
    }

    /** The verdict for a call to {@code phoneNumber} at {@code at}, in the zones a new call would be checked in. */
    Verdict verdict(String phoneNumber, String calleeTimeZone, String timeZone, Instant at) {
        if (window.isAnyTime()) {
            return new Verdict(window.describe(), true, List.of(), at, true, null, null);
        }
        List<String> inferred = calleeZones(phoneNumber, calleeTimeZone);
        List<ZoneId> zoneIds = (inferred.isEmpty() ? List.of(timeZone) : inferred).stream().map(ZoneId::of).toList();
        List<String> zoneNames = zoneIds.stream().map(ZoneId::getId).toList();
        if (window.allows(at, zoneIds)) {
            return new Verdict(window.describe(), false, zoneNames, at, true, null, null);
        }
        Optional<Instant> opening = window.nextOpeningIfAny(at, zoneIds);
        return new Verdict(window.describe(), false, zoneNames, at, false, opening.orElse(null),
                refusal(at, zoneIds, opening, GIVE_CALLEE_TIME_ZONE).getMessage());
    }

    public static String names(List<ZoneId> zones) {
        return zones.size() == 1 ? zones.get(0).getId() : "every zone of the number (" + String.join(", ",
                zones.stream().map(ZoneId::getId).toList()) + ")";
    }
}
