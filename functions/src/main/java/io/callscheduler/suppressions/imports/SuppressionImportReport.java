package io.callscheduler.suppressions.imports;

import io.callscheduler.suppressions.Suppression;

import java.util.List;

/**
 * What a do-not-call file holds: every data row is accepted or rejected ({@code rows = accepted + rejected});
 * {@code duplicates} counts the rejected rows that repeat an earlier row's number. The accepted rows' entries carry
 * the import's moment as {@code addedAt}; writing them keeps an existing entry's own.
 *
 * @param ignoredColumns the header's columns the import has no use for, in file order
 */
public record SuppressionImportReport(int rows, int accepted, int rejected, int duplicates, List<Suppression> entries,
                                      List<SuppressionReject> rejects, List<String> ignoredColumns) {
    public SuppressionImportReport {
        entries = List.copyOf(entries);
        rejects = List.copyOf(rejects);
        ignoredColumns = List.copyOf(ignoredColumns);
    }
}
