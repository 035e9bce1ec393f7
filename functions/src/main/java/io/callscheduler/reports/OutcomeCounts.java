package io.callscheduler.reports;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The counters of a set of ended calls, which only ever add: one call's contribution ({@link #of}), a stored bucket, or
 * the sum of buckets a report groups ({@link #add}). Stored under the names of {@link #counters()}.
 */
public final class OutcomeCounts {
    private long calls;
    private final long[] outcomes = new long[Outcome.values().length];
    private long dialAttempts;
    private long redialed;
    private long machineChecked;
    private long answeredByMachine;
    private final long[] talk = new long[DurationHistogram.TALK.bins()];
    private final long[] ring = new long[DurationHistogram.RING.bins()];

    /** One ended call's contribution. */
    public static OutcomeCounts of(EndedCall call) {
        OutcomeCounts counts = new OutcomeCounts();
        counts.calls = 1;
        counts.outcomes[call.outcome().ordinal()] = 1;
        counts.dialAttempts = call.dialAttempts();
        counts.redialed = call.dialAttempts() > 1 ? 1 : 0;
        if (call.answeredByMachine() != null) {
            counts.machineChecked = 1;
            counts.answeredByMachine = call.answeredByMachine() ? 1 : 0;
        }
        if (call.talkSeconds() != null) {
            counts.talk[DurationHistogram.TALK.bin(call.talkSeconds())] = 1;
        }
        if (call.ringSeconds() != null) {
            counts.ring[DurationHistogram.RING.bin(call.ringSeconds())] = 1;
        }
        return counts;
    }

    /** Counts read back from stored counters (names of {@link #counters()}; a missing one is 0, an unknown one ignored). */
    public static OutcomeCounts fromCounters(Map<String, Long> stored) {
        OutcomeCounts counts = new OutcomeCounts();
        counts.calls = stored.getOrDefault("calls", 0L);
        for (Outcome outcome : Outcome.values()) {
            counts.outcomes[outcome.ordinal()] = stored.getOrDefault(name(outcome), 0L);
        }
        counts.dialAttempts = stored.getOrDefault("dialAttempts", 0L);
        counts.redialed = stored.getOrDefault("redialed", 0L);
        counts.machineChecked = stored.getOrDefault("machineChecked", 0L);
        counts.answeredByMachine = stored.getOrDefault("answeredByMachine", 0L);
        for (int bin = 0; bin < counts.talk.length; bin++) {
            counts.talk[bin] = stored.getOrDefault(binName("talk", bin), 0L);
        }
        for (int bin = 0; bin < counts.ring.length; bin++) {
            counts.ring[bin] = stored.getOrDefault(binName("ring", bin), 0L);
        }
        return counts;
    }

    /** Every counter by its stored name, zeros left out (an item's ADDs need only the others). */
    public Map<String, Long> counters() {
        Map<String, Long> all = new LinkedHashMap<>();
        all.put("calls", calls);
        for (Outcome outcome : Outcome.values()) {
            all.put(name(outcome), outcomes[outcome.ordinal()]);
        }
        all.put("dialAttempts", dialAttempts);
        all.put("redialed", redialed);
        all.put("machineChecked", machineChecked);
        all.put("answeredByMachine", answeredByMachine);
        for (int bin = 0; bin < talk.length; bin++) {
            all.put(binName("talk", bin), talk[bin]);
        }
        for (int bin = 0; bin < ring.length; bin++) {
            all.put(binName("ring", bin), ring[bin]);
        }
        all.values().removeIf(value -> value == 0);
        return all;
    }

    /** Adds {@code other} into this. */
    public OutcomeCounts add(OutcomeCounts other) {
        calls += other.calls;
        for (int i = 0; i < outcomes.length; i++) {
            outcomes[i] += other.outcomes[i];
        }
        dialAttempts += other.dialAttempts;
        redialed += other.redialed;
        machineChecked += other.machineChecked;
        answeredByMachine += other.answeredByMachine;
        for (int i = 0; i < talk.length; i++) {
            talk[i] += other.talk[i];
        }
        for (int i = 0; i < ring.length; i++) {
            ring[i] += other.ring[i];
        }
        return this;
    }

    public long calls() {
        return calls;
    }

    public long count(Outcome outcome) {
        return outcomes[outcome.ordinal()];
    }

    public long dialAttempts() {
        return dialAttempts;
    }

    public long redialed() {
        return redialed;
    }

    public long machineChecked() {
        return machineChecked;
    }

    public long answeredByMachine() {
        return answeredByMachine;
    }

    public long[] talkHistogram() {
        return talk.clone();
    }

    public long[] ringHistogram() {
        return ring.clone();
    }

    private static String name(Outcome outcome) {
        return switch (outcome) {
            case COMPLETED -> "completed";
            case BUSY -> "busy";
            case NO_ANSWER -> "noAnswer";
            case FAILED -> "failed";
            case CANCELED -> "canceled";
        };
    }

    private static String binName(String histogram, int bin) {
        return String.format("%s%02d", histogram, bin);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OutcomeCounts that && counters().equals(that.counters());
    }

    @Override
    public int hashCode() {
        return counters().hashCode();
    }

    @Override
    public String toString() {
        return "OutcomeCounts" + counters() + " talk=" + Arrays.toString(talk);
    }
}
