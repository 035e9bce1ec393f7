package io.callscheduler.suppressions.imports;

import io.callscheduler.destinations.WrittenNumbers;
import io.callscheduler.suppressions.Suppression;
import io.callscheduler.suppressions.SuppressionList;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code POST /suppressions}: a do-not-call file read ({@link SuppressionImport}) and, unless it is a dry run, its
 * accepted rows put on the list in batches. A number already on the list is refreshed, not added twice: its reason,
 * source and expiry become the file's, while when it was first added and the evidence of a keypress opt-out stay.
 * Importing the same file again therefore leaves the list as it was: the import needs no Idempotency-Key.
 */
public final class SuppressionImports {
    private final SuppressionList list;
    private final WrittenNumbers numbers;
    private final Clock clock;

    public SuppressionImports(SuppressionList list, WrittenNumbers numbers, Clock clock) {
        this.list = Objects.requireNonNull(list, "list");
        this.numbers = Objects.requireNonNull(numbers, "numbers");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param file          the file's bytes (text/csv)
     * @param dryRun        check only: nothing is written
     * @param defaultRegion the ISO 3166 region of nationally written numbers, or null
     */
    public record Upload(byte[] file, boolean dryRun, String defaultRegion) {
    }

    /**
     * The file's report, and what writing it did (or, for a dry run, would do): {@code accepted = added + refreshed}.
     */
    public record Answer(boolean dryRun, SuppressionImportReport report, int added, int refreshed) {
    }

    /**
     * @throws io.callscheduler.domain.ValidationException naming defaultRegion; a
     *         {@link io.callscheduler.csv.CsvFileException} for a file refused whole: nothing is written then
     * @throws io.callscheduler.dependencies.DependencyUnavailableException when the list cannot be read or written;
     *         some entries may be written then, and sending the file again completes the import
     */
    public Answer importFile(Upload upload) {
        Instant now = clock.instant();
        String region = numbers.defaultRegion(upload.defaultRegion());
        SuppressionImportReport report = SuppressionImport.read(upload.file(), numbers, region, now);
        Map<String, Suppression> onTheList = report.entries().isEmpty() ? Map.of()
                : list.findAll(report.entries().stream().map(Suppression::number).toList()).stream()
                .collect(Collectors.toMap(Suppression::number, Function.identity()));
        List<Suppression> entries = report.entries().stream().map(e -> refreshing(e, onTheList.get(e.number()), now)).toList();
        if (!upload.dryRun() && !entries.isEmpty()) {
            list.putAll(entries);
        }
        int refreshed = (int) entries.stream().filter(e -> onTheList.containsKey(e.number())).count();
        return new Answer(upload.dryRun(), report, entries.size() - refreshed, refreshed);
    }

    /**
     * The file's entry, keeping what the existing one knows of the number's first addition and its evidence. An
     * import never weakens an entry that suppresses now: it keeps the later expiry (none is the latest), and a keypress
     * opt-out keeps its own reason and source (the person's request, not a file's line).
     */
    private static Suppression refreshing(Suppression imported, Suppression existing, Instant now) {
        if (existing == null) {
            return imported;
        }
        if (!existing.activeAt(now)) {
            return new Suppression(imported.number(), imported.reason(), imported.source(), imported.expiresAt(),
                    existing.addedAt(), existing.callId(), existing.digit());
        }
        Instant expiresAt = existing.expiresAt() == null || imported.expiresAt() == null ? null
                : imported.expiresAt().isAfter(existing.expiresAt()) ? imported.expiresAt() : existing.expiresAt();
        boolean optedOut = existing.callId() != null;
        return new Suppression(imported.number(), optedOut ? existing.reason() : imported.reason(),
                optedOut ? existing.source() : imported.source(), expiresAt, existing.addedAt(), existing.callId(),
                existing.digit());
    }
}
