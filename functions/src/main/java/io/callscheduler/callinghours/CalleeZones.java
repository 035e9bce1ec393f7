package io.callscheduler.callinghours;

import java.time.ZoneId;
import java.util.List;

/** The time zones a phone number may ring in, from its prefix; empty when the number says nothing. */
@FunctionalInterface
public interface CalleeZones {
    List<ZoneId> zonesOf(String e164);

    CalleeZones UNKNOWN = number -> List.of();
}
