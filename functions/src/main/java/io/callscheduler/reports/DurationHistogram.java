package io.callscheduler.reports;

import java.util.Arrays;

/**
 * Fixed bins of durations in seconds, so that percentiles can be read from counters that only ever add: a bucket keeps
 * one count per bin, buckets merge by adding bins, and a percentile is the upper edge of the bin holding its rank (an
 * upper bound, off by at most the bin's width). Bin {@code i} holds durations in ({@code edges[i-1]}, {@code edges[i]}];
 * the last bin holds everything longer than the last edge, and reads as that edge.
 */
public final class DurationHistogram {
    /** Talk time: fine where most calls are (under two minutes), coarse for long ones. */
    public static final DurationHistogram TALK = new DurationHistogram(
            5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 240, 300, 420, 600, 900, 1200, 1800, 3600);
    /** Ring time: from the dial request to the answer; providers give up after 60 s by default. */
    public static final DurationHistogram RING = new DurationHistogram(
            2, 4, 6, 8, 10, 12, 15, 20, 25, 30, 40, 50, 60, 90, 120);

    private final long[] edges;

    private DurationHistogram(long... edges) {
        this.edges = edges.clone();
    }

    /** How many bins: one per edge, and one past the last. */
    public int bins() {
        return edges.length + 1;
    }

    /** The bin of a duration (negative durations count as 0). */
    public int bin(long seconds) {
        int found = Arrays.binarySearch(edges, Math.max(seconds, 0));
        return found >= 0 ? found : -found - 1;
    }

    /** What a bin reads as: its upper edge, or the last edge for the open bin past it. */
    public long upperEdge(int bin) {
        return edges[Math.min(bin, edges.length - 1)];
    }

    /**
     * The {@code percentile} (0 to 100) of the durations counted in {@code counts} (nearest rank), as the upper edge of
     * its bin; null when nothing was counted.
     */
    public Long percentile(long[] counts, int percentile) {
        long total = Arrays.stream(counts).sum();
        if (total == 0) {
            return null;
        }
        long rank = Math.max(1, (long) Math.ceil(percentile / 100.0 * total));
        long seen = 0;
        for (int bin = 0; bin < counts.length; bin++) {
            seen += counts[bin];
            if (seen >= rank) {
                return upperEdge(bin);
            }
        }
        return upperEdge(counts.length - 1);
    }
}
