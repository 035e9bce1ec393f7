package io.callscheduler.campaigns.contacts;

import io.callscheduler.csv.RowReject;

/**
 * One reason a row is not imported.
 *
 * @param row     the row's number as a spreadsheet shows it (the header is row 1, the first contact row 2)
 * @param column  the column at fault
 * @param message what is wrong, for people
 */
public record Reject(long row, String column, RejectCode code, String message) implements RowReject {
}
