package io.callscheduler.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark's table: one row per measure with its same-run reference, printed as it is measured and
 * written to BENCHMARKS.md at the end. "Write-bound" references are filled in with the best PutItem rate
 * of the run, known only at the end.
 */
final class Report {
    private final List<String[]> rows = new ArrayList<>();
    /** The best raw PutItem/s of DynamoDB Local seen in this run. */
    private double writeCeiling = 1;

    void raiseWriteCeiling(double perSecond) {
        writeCeiling = Math.max(writeCeiling, perSecond);
    }

    void row(String measure, String result, String reference, String ratio) {
        rows.add(new String[]{measure, result, reference, ratio});
        System.out.printf("  %-58s %s%s%s%n", measure, result, reference.isEmpty() ? "" : "  | " + withWriteBounds(reference),
                ratio.isEmpty() ? "" : "  | " + ratio);
    }

    /** A placeholder for "these writes at the run's best PutItem rate take X", filled in when the table is made. */
    static String writeBound(long writes, String why) {
        return "write-bound (" + why + "): {WRITES:" + writes + "}";
    }

    private static final java.util.regex.Pattern WRITES = java.util.regex.Pattern.compile("\\{WRITES:(\\d+)}");

    private String withWriteBounds(String text) {
        return WRITES.matcher(text).replaceAll(m -> Stats.ms(1000.0 * Long.parseLong(m.group(1)) / writeCeiling));
    }

    static String verdict(boolean met, String target) {
        return (met ? "met: " : "MISSED: ") + target;
    }

    static String mb(long kb) {
        return String.format(Locale.ROOT, "%.0f MB", kb / 1024.0);
    }

    String table() {
        StringBuilder table = new StringBuilder("| Measure | Result | Same-run reference | Ratio / verdict |\n|---|---|---|---|\n");
        for (String[] row : rows) {
            table.append(withWriteBounds("| " + String.join(" | ", row) + " |\n"));
        }
        return table.toString();
    }

    void write(String table, boolean full, Duration took) throws IOException {
        String report = "# Benchmarks\n\n"
                + "Written by `./benchmark.sh " + (full ? "--full" : "--quick") + "` on " + LocalDate.now() + " in "
                + took.toSeconds() + " s. Machine: " + machine() + ".\n\n"
                + "Everything runs on this one machine: the local cloud (DynamoDB Local, the Scheduler and Lambda emulators, "
                + "the functions, the API) in its own JVM, the Call API simulator inside it, and the load generator in "
                + "another JVM. Absolute figures are for this machine only; the references beside them were measured in "
                + "the same run, so the ratios are what carries over.\n\n"
                + table + "\n"
                + AwsPrices.SOURCES + "\n"
                + "How each figure is taken: see the class comment of `benchmark/src/main/java/io/callscheduler/benchmark/Benchmark.java` "
                + "and the README's \"Performance\" section.\n";
        Files.writeString(Repository.ROOT.resolve("BENCHMARKS.md"), report);
        progress("Wrote " + Repository.ROOT.resolve("BENCHMARKS.md"));
    }

    /**
     * Puts this run's rows into BENCHMARKS.md in place of the rows of the same measure (new measures after the table's
     * last row), and says under the heading which rule re-measured them, when and where: the rest of the table keeps
     * the figures of its own full run.
     */
    void update(String rule) throws IOException {
        Path file = Repository.ROOT.resolve("BENCHMARKS.md");
        if (!Files.exists(file)) {
            progress("No BENCHMARKS.md to update: run ./benchmark.sh without --only first");
            return;
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        for (String row : table().lines().skip(2).toList()) {
            String measure = row.substring(0, row.indexOf(" | ", 2) + 3);
            int same = indexOf(lines, l -> l.startsWith(measure));
            if (same >= 0) {
                lines.set(same, row);
            } else {
                int last = lastIndexOf(lines, l -> l.startsWith("| ") && !l.startsWith("| Measure") && !l.startsWith("| Price"));
                lines.add(last < 0 ? lines.size() : last + 1, row);
            }
        }
        String note = "Rows of `--only " + rule + "` re-measured alone on ";
        lines.removeIf(l -> l.startsWith(note));
        int written = indexOf(lines, l -> l.startsWith("Written by "));
        lines.add(written + 1, note + LocalDate.now() + ". Machine: " + machine() + ".");
        if (written + 2 < lines.size() && !lines.get(written + 2).isEmpty() && !lines.get(written + 2).startsWith("Rows of")) {
            lines.add(written + 2, "");
        }
        Files.write(file, lines);
        progress("Updated the rows of --only " + rule + " in " + file);
    }

    private static int indexOf(List<String> lines, java.util.function.Predicate<String> test) {
        for (int i = 0; i < lines.size(); i++) {
            if (test.test(lines.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(List<String> lines, java.util.function.Predicate<String> test) {
        int last = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (test.test(lines.get(i))) {
                last = i;
            } else if (last >= 0 && !lines.get(i).startsWith("|")) {
                break; // the first table only: the prices table comes later
            }
        }
        return last;
    }

    static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
        } catch (IOException ignored) {
            // not Linux
        }
        long memoryGb = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getTotalMemorySize() >> 30;
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), " + memoryGb + " GB, "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + ", Java " + System.getProperty("java.version");
    }

    static void progress(String message) {
        System.out.println("[benchmark] " + message);
    }
}
