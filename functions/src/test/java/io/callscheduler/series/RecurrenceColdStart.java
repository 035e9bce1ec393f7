package io.callscheduler.series;

import java.time.Instant;
import java.time.LocalDateTime;

/**
 * Prints what the recurrence costs a fresh JVM (a Lambda's cold start): the first parse and expansion of a series,
 * which loads lib-recur's classes and the zone's rules, against a second one in the same JVM. Run it in a new JVM
 * each time, with the functions' classpath ({@code mvn dependency:build-classpath}); the argument
 * {@code java-time-first} loads java.time's zone rules first, to tell their cost from lib-recur's.
 */
public final class RecurrenceColdStart {
    private RecurrenceColdStart() {
    }

    public static void main(String[] args) {
        long jvmStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        if (args.length > 0 && args[0].equals("java-time-first")) {
            // Separates the JDK's own cost (zone rules, java.time) from lib-recur's and ours.
            long start = System.nanoTime();
            java.time.ZonedDateTime.ofLocal(LocalDateTime.of(Transitions.YEAR, 3, 9, 2, 30),
                    java.time.ZoneId.of("America/New_York"), null).toInstant();
            System.out.printf("java.time alone: %.1f ms%n", (System.nanoTime() - start) / 1e6);
        }
        System.out.printf("first:  %.1f ms%n", parseAndExpand("America/New_York") / 1e6);
        System.out.printf("second: %.1f ms%n", parseAndExpand("Europe/London") / 1e6);
        System.out.printf("since JVM start: %d ms%n", System.currentTimeMillis() - jvmStart);
    }

    private static long parseAndExpand(String zone) {
        long start = System.nanoTime();
        LocalDateTime startAt = LocalDateTime.of(Transitions.YEAR, 1, 6, 9, 30);
        SeriesRule series = SeriesRule.parse(new SeriesRuleFields(zone,
                "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=30", startAt.toString(), null, null, null));
        NextOccurrences ten = series.next(Instant.EPOCH, 10);
        long elapsed = System.nanoTime() - start;
        if (ten.occurrences().size() != 10) {
            throw new IllegalStateException("expected 10 occurrences: " + ten);
        }
        return elapsed;
    }
}
