package io.callscheduler.emulators;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** AWS timing: an at() schedule fires somewhere within the minute of its time, the same moment every time. */
class ScheduleFiringTimingTest {

    @Test
    void aScheduleFiresWithinTheMinuteOfItsTimeAtAMomentItKeeps() {
        Instant due = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(3600 + 37);
        Instant minute = due.truncatedTo(ChronoUnit.MINUTES);
        Set<Long> offsets = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            Instant fire = ScheduleFiring.withinItsMinute(due, "group/call-" + i + "at(x)");
            assertThat(fire).isBetween(minute, minute.plusMillis(59_999));
            assertThat(ScheduleFiring.withinItsMinute(due, "group/call-" + i + "at(x)")).isEqualTo(fire);
            offsets.add(fire.toEpochMilli() - minute.toEpochMilli());
        }
        // Spread over the minute, before and after the time itself, as AWS allows.
        assertThat(offsets.stream().filter(o -> o < 37_000).count()).isGreaterThan(50);
        assertThat(offsets.stream().filter(o -> o > 37_000).count()).isGreaterThan(50);
    }
}
