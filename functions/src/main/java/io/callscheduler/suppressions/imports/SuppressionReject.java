package io.callscheduler.suppressions.imports;

import io.callscheduler.csv.RowReject;

/**
 * One reason a row of a do-not-call file is not imported.
 *
 * @param row the row's number as a spreadsheet shows it (the header is row 1)
 */
public record SuppressionReject(long row, String column, SuppressionRejectCode code, String message) implements RowReject {
}
