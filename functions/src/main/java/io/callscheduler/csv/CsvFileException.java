package io.callscheduler.csv;

import io.callscheduler.domain.ValidationException;

/**
 * A file that cannot be read as a whole (too large, not UTF-8, not CSV, a header or a row of the wrong shape):
 * nothing of it is imported. A ValidationException, so an API handler answers it as a 400 naming the field and
 * the code; {@link #line()} adds where in the file.
 */
public final class CsvFileException extends ValidationException {
    private final Long line;

    /**
     * @param field the request part at fault: {@code body} for the file itself, or a parameter given with it
     * @param line  the file's line (1 is the header), or null when the fault is in no one line
     */
    public CsvFileException(String field, String code, Long line, String message) {
        super(field, code, message);
        this.line = line;
    }

    /** The line of the file at fault, counted as a text editor counts them (the first is 1); null for none. */
    public Long line() {
        return line;
    }
}
