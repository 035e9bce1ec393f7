package io.callscheduler.reports;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DurationHistogramTest {
    @Test
    void aDurationFallsInTheBinWhoseUpperEdgeItDoesNotPass() {
        assertThat(DurationHistogram.TALK.bin(0)).isZero();
        assertThat(DurationHistogram.TALK.bin(5)).isZero();
        assertThat(DurationHistogram.TALK.bin(6)).isEqualTo(1);
        assertThat(DurationHistogram.TALK.upperEdge(DurationHistogram.TALK.bin(3600))).isEqualTo(3600);
        assertThat(DurationHistogram.TALK.bin(3601)).isEqualTo(DurationHistogram.TALK.bins() - 1);
        assertThat(DurationHistogram.TALK.bin(-3)).isZero();
    }

    @Test
    void aPercentileIsTheUpperEdgeOfTheBinHoldingItsNearestRank() {
        long[] counts = new long[DurationHistogram.TALK.bins()];
        // Ten calls: 4 of at most 5 s, 5 of 31-45 s, 1 of over an hour.
        counts[DurationHistogram.TALK.bin(3)] = 4;
        counts[DurationHistogram.TALK.bin(40)] = 5;
        counts[DurationHistogram.TALK.bin(5000)] = 1;
        assertThat(DurationHistogram.TALK.percentile(counts, 40)).isEqualTo(5);   // rank 4: the 4th call, at most 5 s
        assertThat(DurationHistogram.TALK.percentile(counts, 50)).isEqualTo(45);  // rank 5
        assertThat(DurationHistogram.TALK.percentile(counts, 90)).isEqualTo(45);  // rank 9
        assertThat(DurationHistogram.TALK.percentile(counts, 100)).isEqualTo(3600); // past the last edge reads as it
        assertThat(DurationHistogram.TALK.percentile(new long[DurationHistogram.TALK.bins()], 50)).isNull();
    }
}
