package io.callscheduler.csv;

/**
 * One reason a row of an imported CSV file is not taken, whatever the file is about (contacts, do-not-call
 * numbers): the shape every import's report and its rejects CSV share.
 */
public interface RowReject {
    /** The row's number as a spreadsheet shows it (the header is row 1, the first data row 2). */
    long row();

    /** The column at fault. */
    String column();

    /** The import's own code (an enum of its reasons), answered by its name. */
    Enum<?> code();

    /** What is wrong, for people. */
    String message();
}
