package io.callscheduler.store;

import io.callscheduler.model.CallStatus;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which calls a list shows: those in any of {@code statuses} (all calls when empty) whose contact name or
 * phone number contains {@code search} (no search when null).
 *
 * @param search already normalised: lower case for a name, {@code +} and digits for a number
 */
public record CallFilter(Set<CallStatus> statuses, String search) {
    public CallFilter {
        statuses = statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(statuses));
    }

    public static CallFilter all() {
        return new CallFilter(Set.of(), null);
    }

    public static CallFilter of(CallStatus status) {
        return new CallFilter(Set.of(status), null);
    }

    /** Pending calls only: listed soonest first; every other filter lists the latest first. */
    public boolean soonestFirst() {
        return statuses.equals(Set.of(CallStatus.SCHEDULED));
    }

    /** A stable description, so a page token is only accepted for the filter that issued it. */
    public String signature() {
        return statuses.stream().sorted().map(Enum::name).collect(Collectors.joining(",")) + "|" + (search == null ? "" : search);
    }

    /** The text a call is searched by: its contact name in lower case and its number. */
    public static String searchableText(String contactName, String phoneNumber) {
        return (contactName == null ? "" : contactName.toLowerCase(java.util.Locale.ROOT)) + "\n" + phoneNumber;
    }
}
