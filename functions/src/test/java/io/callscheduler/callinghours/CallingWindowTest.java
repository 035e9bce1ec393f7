package io.callscheduler.callinghours;

import io.callscheduler.callinghours.libphonenumber.LibPhoneNumberCalleeZones;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Calling hours in the callee's zones. Every date is derived from the current one (the next Monday, the zone's
 * next daylight-saving change), never written down.
 */
class CallingWindowTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
    private static final CallingWindow WEEKDAYS_8_TO_21 = CallingWindow.parse("08:00-21:00", "Mon-Fri");

    private static ZonedDateTime nextMonday(ZoneId zone, int hour, int minute) {
        LocalDate monday = LocalDate.now(zone).plusDays(1).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
        return ZonedDateTime.of(monday, LocalTime.of(hour, minute), zone);
    }

    @Test
    void aMomentIsAllowedInsideTheHoursOnAnAllowedDayOnly() {
        assertThat(WEEKDAYS_8_TO_21.allows(nextMonday(NEW_YORK, 8, 0).toInstant(), List.of(NEW_YORK))).isTrue();
        assertThat(WEEKDAYS_8_TO_21.allows(nextMonday(NEW_YORK, 20, 59).toInstant(), List.of(NEW_YORK))).isTrue();
        assertThat(WEEKDAYS_8_TO_21.allows(nextMonday(NEW_YORK, 21, 0).toInstant(), List.of(NEW_YORK))).as("end is exclusive").isFalse();
        assertThat(WEEKDAYS_8_TO_21.allows(nextMonday(NEW_YORK, 7, 59).toInstant(), List.of(NEW_YORK))).isFalse();
        assertThat(WEEKDAYS_8_TO_21.allows(nextMonday(NEW_YORK, 12, 0).minusDays(1).toInstant(), List.of(NEW_YORK)))
                .as("Sunday").isFalse();
    }

    @Test
    void theNextOpeningIsTheFirstMomentInsideTheWindowInEveryZone() {
        // Monday 07:00 in New York: 04:00 in Los Angeles; both must reach 08:00, so 08:00 Los Angeles (11:00 NY).
        Instant early = nextMonday(NEW_YORK, 7, 0).toInstant();
        assertThat(WEEKDAYS_8_TO_21.nextOpeningIfAny(early, List.of(NEW_YORK))).contains(nextMonday(NEW_YORK, 8, 0).toInstant());
        assertThat(WEEKDAYS_8_TO_21.nextOpeningIfAny(early, List.of(NEW_YORK, LOS_ANGELES)))
                .contains(nextMonday(LOS_ANGELES, 8, 0).toInstant());
        // Friday 22:00 → Monday 08:00.
        Instant fridayNight = nextMonday(NEW_YORK, 22, 0).plusDays(4).toInstant();
        assertThat(WEEKDAYS_8_TO_21.nextOpeningIfAny(fridayNight, List.of(NEW_YORK)))
                .contains(nextMonday(NEW_YORK, 8, 0).plusWeeks(1).toInstant());
        // Inside already: itself.
        Instant noon = nextMonday(NEW_YORK, 12, 0).toInstant();
        assertThat(WEEKDAYS_8_TO_21.nextOpeningIfAny(noon, List.of(NEW_YORK))).contains(noon);
    }

    @Test
    void zonesThatAreNeverAllInsideTheWindowAtOnceHaveNoOpening() {
        // A US toll-free number may ring anywhere from Guam (UTC+10) to Adak (UTC-10 or -9): 19 or 20 hours apart.
        List<ZoneId> tollFree = new LibPhoneNumberCalleeZones().zonesOf("+18005550123");
        assertThat(tollFree).contains(ZoneId.of("Pacific/Guam"), ZoneId.of("America/Adak"));
        Instant monday = nextMonday(NEW_YORK, 12, 0).toInstant();

        assertThat(CallingWindow.parse("09:00-17:00", "").nextOpeningIfAny(monday, tollFree)).isEmpty();
        assertThat(CallingWindow.parse("09:00-17:00", "Mon-Fri").nextOpeningIfAny(monday, tollFree)).isEmpty();
        // A wider window holds in all of them at once for a few hours a day.
        Instant opening = CallingWindow.parse("08:00-21:00", "").nextOpeningIfAny(monday, tollFree).orElseThrow();
        assertThat(CallingWindow.parse("08:00-21:00", "").allows(opening, tollFree)).isTrue();
        assertThat(opening).isBetween(monday, monday.plus(Duration.ofDays(1)));
    }

    @Test
    void anOpeningInADaylightSavingGapMovesToAfterTheGap() {
        ZoneId paris = ZoneId.of("Europe/Paris");
        var springForward = paris.getRules().nextTransition(Instant.now());
        while (!springForward.isGap()) {
            springForward = paris.getRules().nextTransition(springForward.getInstant());
        }
        LocalDateTime gapStart = springForward.getDateTimeBefore(); // 02:00, which does not exist that night
        CallingWindow fromTwoThirty = CallingWindow.parse("02:30-21:00", "");
        Instant before = gapStart.minusHours(1).atZone(paris).toInstant();

        Instant opening = fromTwoThirty.nextOpeningIfAny(before, List.of(paris)).orElseThrow();

        assertThat(opening).isEqualTo(springForward.getInstant().plus(Duration.ofMinutes(30)));
        assertThat(fromTwoThirty.allows(opening, List.of(paris))).isTrue();
    }

    @Test
    void windowsAndDaysParseAndDescribeThemselvesOrSayWhatIsWrong() {
        assertThat(CallingWindow.parse("", "").isAnyTime()).isTrue();
        assertThat(CallingWindow.parse("08:00-21:00", "Mon-Sat").describe()).isEqualTo("08:00-21:00 Mon,Tue,Wed,Thu,Fri,Sat");
        assertThat(CallingWindow.parse("09:00-17:30", "").describe()).isEqualTo("09:00-17:30 every day");
        assertThat(CallingWindow.parse("", "Sat-Mon").describe()).isEqualTo("00:00-24:00 Mon,Sat,Sun");
        assertThatThrownBy(() -> CallingWindow.parse("21:00-08:00", "")).hasMessageContaining("end after they start");
        assertThatThrownBy(() -> CallingWindow.parse("8am-9pm", "")).hasMessageContaining("08:00-21:00");
        assertThatThrownBy(() -> CallingWindow.parse("", "Mon-Funday")).hasMessageContaining("not a day of the week");
        assertThatThrownBy(() -> CallingWindow.parse("", ",")).hasMessageContaining("at least one day");
    }

    @Test
    void libphonenumberMapsANumberToEveryZoneItMayRingIn() {
        var zones = new LibPhoneNumberCalleeZones();

        assertThat(zones.zonesOf("+12125550123")).containsExactly(NEW_YORK);
        assertThat(zones.zonesOf("+33142685300")).containsExactly(ZoneId.of("Europe/Paris"));
        assertThat(zones.zonesOf("+18005550123")).as("US toll-free: every US zone").contains(NEW_YORK, LOS_ANGELES)
                .hasSizeGreaterThan(3);
        assertThat(zones.zonesOf("+999")).isEmpty();
    }
}
