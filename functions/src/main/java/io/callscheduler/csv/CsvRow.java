package io.callscheduler.csv;

import java.util.List;

/**
 * One data row of a CSV file.
 *
 * @param row   its number as a spreadsheet shows it: the header is row 1, so the first data row is row 2; a blank
 *              line is a row too, and a cell spanning several lines keeps its row one row
 * @param line  the file's line the row starts on (differs from {@code row} after a cell spanning lines)
 * @param cells the cells, as many as the header has columns
 */
public record CsvRow(long row, long line, List<String> cells) {
    public CsvRow {
        cells = List.copyOf(cells);
    }
}
