package io.callscheduler.domain;

import io.callscheduler.callinghours.CalleeZones;
import io.callscheduler.callinghours.CallingWindow;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The deployment's calling hours (CallingHours, CallingDays) and where they apply: in the callee's zone,
 * given with the call ({@code calleeTimeZone}), else inferred from the number (every zone it may ring in),
 * else the call's own {@code timeZone}.
 */
public final class CallingHours {
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

    /**
     * The zones to store with a new call.
     *
     * @param given the request's {@code calleeTimeZone}, or null
     * @throws ValidationException when {@code given} is not an IANA zone
     */
    List<String> calleeZones(String phoneNumber, String given) {
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

    /** @throws ValidationException naming {@code field} when {@code at} is outside the window in any of {@code zones} */
    void check(String field, Instant at, List<ZoneId> zones) {
        if (window.isAnyTime() || window.allows(at, zones)) {
            return;
        }
        throw new ValidationException(field, "OUTSIDE_CALLING_HOURS", field + " " + at + " is outside the calling hours ("
                + window.describe() + ") in " + names(zones) + "; the next allowed moment is " + window.nextOpening(at, zones));
    }

    public boolean allows(Instant at, List<ZoneId> zones) {
        return window.isAnyTime() || window.allows(at, zones);
    }

    public Instant nextOpening(Instant at, List<ZoneId> zones) {
        return window.nextOpening(at, zones);
    }

    /**
     * Whether a call to a number may dial at a moment, for the page to tell before it sends a call.
     *
     * @param window        the deployment's window, as {@link CallingWindow#describe()} words it
     * @param zones         the zones it applies in (empty when any time is allowed)
     * @param allowed       whether {@code at} is inside the window in every zone
     * @param nextAllowedAt the next moment inside it, when {@code at} is not (else null)
     */
    public record Verdict(String window, boolean anyTime, List<String> zones, Instant at, boolean allowed,
                          Instant nextAllowedAt) {
    }

    /** The verdict for a call to {@code phoneNumber} at {@code at}, in the zones a new call would be checked in. */
    Verdict verdict(String phoneNumber, String calleeTimeZone, String timeZone, Instant at) {
        if (window.isAnyTime()) {
            return new Verdict(window.describe(), true, List.of(), at, true, null);
        }
        List<String> inferred = calleeZones(phoneNumber, calleeTimeZone);
        List<ZoneId> zoneIds = (inferred.isEmpty() ? List.of(timeZone) : inferred).stream().map(ZoneId::of).toList();
        boolean allowed = window.allows(at, zoneIds);
        return new Verdict(window.describe(), false, zoneIds.stream().map(ZoneId::getId).toList(), at, allowed,
                allowed ? null : window.nextOpening(at, zoneIds));
    }

    public static String names(List<ZoneId> zones) {
        return zones.size() == 1 ? zones.get(0).getId() : "every zone of the number (" + String.join(", ",
                zones.stream().map(ZoneId::getId).toList()) + ")";
    }
}
