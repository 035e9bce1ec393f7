package io.callscheduler.callinghours;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * When a person may be called, in their own time zone: a daily span of hours ({@code from} inclusive,
 * {@code to} exclusive) on some days of the week. A moment is allowed only when it is inside the window in
 * every zone the callee may be in. Pure: no clock, no I/O.
 */
public final class CallingWindow {
    /** Any time, any day. */
    public static final CallingWindow ANY = new CallingWindow(LocalTime.MIN, null, EnumSet.allOf(DayOfWeek.class));
    private static final List<DayOfWeek> WEEK = List.of(DayOfWeek.values());

    private final LocalTime from;
    /** Exclusive end; null means the end of the day. */
    private final LocalTime to;
    private final Set<DayOfWeek> days;

    private CallingWindow(LocalTime from, LocalTime to, Set<DayOfWeek> days) {
        this.from = from;
        this.to = to;
        this.days = EnumSet.copyOf(days);
    }

    /**
     * @param hours {@code HH:mm-HH:mm} (e.g. {@code 08:00-21:00}), or empty for all day
     * @param days  {@code Mon-Fri}, {@code Mon,Wed,Sat} or a mix, or empty for every day
     * @throws IllegalArgumentException with a message naming what is wrong
     */
    public static CallingWindow parse(String hours, String days) {
        String h = hours == null ? "" : hours.strip();
        String d = days == null ? "" : days.strip();
        if (h.isEmpty() && d.isEmpty()) {
            return ANY;
        }
        LocalTime from = LocalTime.MIN;
        LocalTime to = null;
        if (!h.isEmpty()) {
            String[] span = h.split("-");
            if (span.length != 2) {
                throw new IllegalArgumentException("calling hours must look like 08:00-21:00, not '" + h + "'");
            }
            try {
                from = LocalTime.parse(span[0].strip());
                to = span[1].strip().equals("24:00") ? null : LocalTime.parse(span[1].strip());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("calling hours must look like 08:00-21:00, not '" + h + "'");
            }
            if (to != null && !to.isAfter(from)) {
                throw new IllegalArgumentException("calling hours must end after they start: '" + h + "'");
            }
        }
        Set<DayOfWeek> allowed = d.isEmpty() ? EnumSet.allOf(DayOfWeek.class) : days(d);
        if (allowed.isEmpty()) {
            throw new IllegalArgumentException("calling days must name at least one day, such as Mon-Fri, not '" + d + "'");
        }
        return new CallingWindow(from, to, allowed);
    }

    private static Set<DayOfWeek> days(String text) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String part : text.split(",")) {
            String[] range = part.strip().split("-");
            DayOfWeek first = day(range[0]);
            DayOfWeek last = range.length == 2 ? day(range[1]) : first;
            if (range.length > 2) {
                throw new IllegalArgumentException("calling days must look like Mon-Fri or Mon,Wed,Fri, not '" + text + "'");
            }
            for (int i = first.ordinal(); ; i = (i + 1) % 7) {
                days.add(WEEK.get(i));
                if (i == last.ordinal()) {
                    break;
                }
            }
        }
        return days;
    }

    private static DayOfWeek day(String name) {
        String key = name.strip().toLowerCase(Locale.ROOT);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (key.length() >= 3 && day.name().toLowerCase(Locale.ROOT).startsWith(key)) {
                return day;
            }
        }
        throw new IllegalArgumentException("'" + name.strip() + "' is not a day of the week (Mon, Tue, ... Sun)");
    }

    /** Whether this window's daily hours lie inside {@code outer}'s. */
    public boolean hoursWithin(CallingWindow outer) {
        boolean endsInside = outer.to == null || (to != null && !to.isAfter(outer.to));
        return !from.isBefore(outer.from) && endsInside;
    }

    /** Whether this window's days are among {@code outer}'s. */
    public boolean daysWithin(CallingWindow outer) {
        return outer.days.containsAll(days);
    }

    /** The moments both windows allow (a campaign's window inside the deployment's); any time when they share none. */
    public CallingWindow narrow(CallingWindow other) {
        LocalTime start = from.isAfter(other.from) ? from : other.from;
        LocalTime end = to == null ? other.to : other.to == null || to.isBefore(other.to) ? to : other.to;
        Set<DayOfWeek> both = EnumSet.copyOf(days);
        both.retainAll(other.days);
        return both.isEmpty() || (end != null && !end.isAfter(start)) ? this : new CallingWindow(start, end, both);
    }

    public boolean isAnyTime() {
        return this.equals(ANY) || (from.equals(LocalTime.MIN) && to == null && days.size() == 7);
    }

    /** Whether {@code at} is inside the window in every one of {@code zones}. */
    public boolean allows(Instant at, List<ZoneId> zones) {
        return zones.stream().allMatch(zone -> allows(at.atZone(zone)));
    }

    private boolean allows(ZonedDateTime local) {
        LocalTime time = local.toLocalTime();
        return days.contains(local.getDayOfWeek()) && !time.isBefore(from) && (to == null || time.isBefore(to));
    }

    /**
     * How far ahead {@link #nextOpeningIfAny} looks. The window repeats every week; two weeks also cover the weeks
     * in spring and autumn when zones change their clocks on different dates.
     */
    static final Duration HORIZON = Duration.ofDays(14);

    /**
     * The first moment at or after {@code at} inside the window in every zone; {@code at} itself when it is.
     * Empty when the zones never share an open moment within {@link #HORIZON} (a US toll-free number is
     * every US zone, Guam to Adak: no 09:00-17:00 holds in all of them at once).
     */
    public Optional<Instant> nextOpeningIfAny(Instant at, List<ZoneId> zones) {
        Instant end = at.plus(HORIZON);
        Instant candidate = at;
        // Each step moves strictly forward to some zone's opening, of which there are a few per zone and day.
        while (!candidate.isAfter(end)) {
            if (allows(candidate, zones)) {
                return Optional.of(candidate);
            }
            // Move to the latest of the zones' next openings: before it, some zone is still closed.
            Instant next = candidate;
            for (ZoneId zone : zones) {
                Instant opening = nextOpening(candidate.atZone(zone));
                if (opening.isAfter(next)) {
                    next = opening;
                }
            }
            candidate = next.equals(candidate) ? candidate.plus(Duration.ofMinutes(1)) : next;
        }
        return Optional.empty();
    }

    /**
     * {@link #nextOpeningIfAny}, for the dispatch side until it handles zones that never share an opening.
     *
     * @throws IllegalStateException when the zones never share an open moment
     */
    public Instant nextOpening(Instant at, List<ZoneId> zones) {
        return nextOpeningIfAny(at, zones).orElseThrow(() ->
                new IllegalStateException("no moment within two weeks is inside " + describe() + " in all of " + zones));
    }

    /** The next opening in one zone at or after {@code local}; a start in a DST gap moves to after the gap. */
    private Instant nextOpening(ZonedDateTime local) {
        if (allows(local)) {
            return local.toInstant();
        }
        for (int i = 0; i < 8; i++) {
            LocalDate date = local.toLocalDate().plusDays(i);
            if (!days.contains(date.getDayOfWeek())) {
                continue;
            }
            ZonedDateTime start = ZonedDateTime.of(date, from, local.getZone());
            if (!start.isBefore(local)) {
                return start.toInstant();
            }
        }
        throw new IllegalStateException("a calling window with no day in the week");
    }

    /**
     * Where the open stretch that {@code at} is in ends: the first moment after {@code at} at which the window closes in
     * one of the zones (that day's end of hours, or midnight: the stretch may go on into the next day, whose opening is
     * then {@code at} itself); {@code at} when it is not open. For estimates that add up open time.
     */
    public Instant openUntil(Instant at, List<ZoneId> zones) {
        if (!allows(at, zones)) {
            return at;
        }
        Instant until = null;
        for (ZoneId zone : zones) {
            ZonedDateTime local = at.atZone(zone);
            Instant closing = (to == null ? local.toLocalDate().plusDays(1).atStartOfDay(zone)
                    : ZonedDateTime.of(local.toLocalDate(), to, zone)).toInstant();
            until = until == null || closing.isBefore(until) ? closing : until;
        }
        return until == null ? at : until; // no zone: nothing to add up
    }

    /** For messages and the API: "08:00-21:00 Mon-Sat", "any time". */
    public String describe() {
        if (isAnyTime()) {
            return "any time";
        }
        String hours = from + "-" + (to == null ? "24:00" : to.toString());
        String dayText = days.size() == 7 ? "every day" : days.stream()
                .map(d -> d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH)).collect(Collectors.joining(","));
        return hours + " " + dayText;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CallingWindow w && from.equals(w.from) && Objects.equals(to, w.to) && days.equals(w.days);
    }

    @Override
    public int hashCode() {
        return Objects.hash(from, to, days);
    }

    @Override
    public String toString() {
        return describe();
    }
}
