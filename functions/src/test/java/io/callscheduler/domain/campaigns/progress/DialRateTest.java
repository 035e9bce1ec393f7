package io.callscheduler.domain.campaigns.progress;

import io.callscheduler.testing.TestMoments;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DialRateTest {
    private static final Instant TEN = TestMoments.next(DayOfWeek.TUESDAY, LocalTime.of(10, 0));

    @Test
    void theRateIsOverTheLastFiveCompleteMinutesAndTheCurrentOneIsApart() {
        long ten = TEN.getEpochSecond() / 60;
        Map<Long, Long> dials = Map.of(ten - 6, 100L, ten - 5, 60L, ten - 4, 60L, ten - 1, 30L, ten, 7L);
        DialRate rate = DialRate.over(dials, TEN.plusSeconds(42));
        assertThat(rate.perMinute()).isEqualTo(30.0); // (60 + 60 + 0 + 0 + 30) / 5; the minute before them left out
        assertThat(rate.from()).isEqualTo(TEN.minusSeconds(300));
        assertThat(rate.to()).isEqualTo(TEN);
        assertThat(rate.thisMinute()).isEqualTo(7);
        assertThat(DialRate.over(Map.of(), TEN).perMinute()).isZero();
    }
}
