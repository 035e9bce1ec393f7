package io.callscheduler.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A report row's numbers, read from its counts (README, "Outcome reports", defines each). {@link #columns()} is their
 * one order and naming, for JSON and CSV alike; a rate whose denominator is 0, and a percentile of no durations, is null.
 */
public final class OutcomeMetrics {
    private OutcomeMetrics() {
    }

    public static Map<String, Object> columns(OutcomeCounts counts) {
        long calls = counts.calls();
        long canceled = counts.count(Outcome.CANCELED);
        long[] talk = counts.talkHistogram();
        long[] ring = counts.ringHistogram();
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("calls", calls);
        columns.put("answered", counts.count(Outcome.COMPLETED));
        columns.put("busy", counts.count(Outcome.BUSY));
        columns.put("noAnswer", counts.count(Outcome.NO_ANSWER));
        columns.put("failed", counts.count(Outcome.FAILED));
        columns.put("canceled", canceled);
        columns.put("answerRate", ratio(counts.count(Outcome.COMPLETED), calls - canceled));
        columns.put("busyShare", ratio(counts.count(Outcome.BUSY), calls));
        columns.put("noAnswerShare", ratio(counts.count(Outcome.NO_ANSWER), calls));
        columns.put("failedShare", ratio(counts.count(Outcome.FAILED), calls));
        columns.put("canceledShare", ratio(canceled, calls));
        columns.put("dialAttempts", counts.dialAttempts());
        columns.put("redialedCalls", counts.redialed());
        columns.put("talkTimeCalls", sum(talk));
        columns.put("talkTimeP50Seconds", DurationHistogram.TALK.percentile(talk, 50));
        columns.put("talkTimeP90Seconds", DurationHistogram.TALK.percentile(talk, 90));
        columns.put("ringTimeCalls", sum(ring));
        columns.put("ringTimeP50Seconds", DurationHistogram.RING.percentile(ring, 50));
        columns.put("machineDetectionCalls", counts.machineChecked());
        columns.put("answeredByMachine", counts.answeredByMachine());
        columns.put("answeredByMachineShare", ratio(counts.answeredByMachine(), counts.machineChecked()));
        return columns;
    }

    private static BigDecimal ratio(long part, long whole) {
        return whole <= 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_EVEN);
    }

    private static long sum(long[] bins) {
        return java.util.Arrays.stream(bins).sum();
    }
}
