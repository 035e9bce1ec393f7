package io.callscheduler.csv;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A CSV file read whole and strictly, or refused whole with a {@link CsvFileException} naming the line: RFC 4180
 * (Apache Commons CSV), UTF-8 only (a byte-order mark is accepted and dropped), a header row of distinct,
 * non-empty column names, and every row exactly as wide as the header. Blank lines are skipped (they still count
 * as spreadsheet rows). A quote inside an unquoted cell ({@code Jane "JJ" Doe}) is read literally, as spreadsheets
 * read it; an unclosed quoted cell or text after a closing quote is refused.
 */
public final class CsvTable {
    /** The largest file read: 5 MiB, checked before any parsing. */
    public static final int MAX_BYTES = 5 * 1024 * 1024;
    public static final String BODY = "body";

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();
    private static final String SAVE_AS = "save it from the spreadsheet as \"CSV UTF-8 (comma delimited)\"";

    private final List<String> columns;
    private final Map<String, Integer> indexes;
    private final List<CsvRow> rows;

    private CsvTable(List<String> columns, List<CsvRow> rows) {
        this.columns = List.copyOf(columns);
        this.rows = List.copyOf(rows);
        this.indexes = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            indexes.put(columns.get(i), i);
        }
    }

    /** The header's column names, in file order, without surrounding spaces. */
    public List<String> columns() {
        return columns;
    }

    /** The data rows, in file order; blank lines left out. */
    public List<CsvRow> rows() {
        return rows;
    }

    /** The position of a column, if the header has it (names are case-sensitive). */
    public Optional<Integer> indexOf(String column) {
        return Optional.ofNullable(indexes.get(column));
    }

    /**
     * @param body the file's bytes
     * @throws CsvFileException when the file cannot be read as a whole; nothing of it should be used then
     */
    public static CsvTable read(byte[] body) {
        if (body.length > MAX_BYTES) {
            throw new CsvFileException(BODY, "FILE_TOO_LARGE", null, "the file is " + body.length
                    + " bytes; at most " + MAX_BYTES + " (5 MiB) are read in one request: split it into several files");
        }
        String text = decodeUtf8(body);
        if (text.isBlank()) {
            throw new CsvFileException(BODY, "EMPTY_FILE", null, "the file is empty: it needs a header row"
                    + " (phoneNumber and any other columns) and a row per contact");
        }
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            throw new CsvFileException(BODY, "NOT_CSV", lineOf(text, nul), "line " + lineOf(text, nul)
                    + " holds a NUL character: this is a binary file (a workbook?), not CSV; " + SAVE_AS);
        }
        try (CSVParser parser = CSVParser.parse(text, FORMAT)) {
            return read(parser);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // parsing a String does no I/O
        }
    }

    private static CsvTable read(CSVParser parser) {
        Iterator<CSVRecord> records = parser.iterator();
        List<String> columns = header(next(records, parser, 1).orElseThrow());
        List<CsvRow> rows = new ArrayList<>();
        long startLine = parser.getCurrentLineNumber() + 1;
        for (Optional<CSVRecord> next = next(records, parser, startLine); next.isPresent();
             next = next(records, parser, startLine)) {
            CSVRecord record = next.get();
            if (!(record.size() == 1 && record.get(0).isEmpty())) {
                if (record.size() != columns.size()) {
                    throw new CsvFileException(BODY, "RAGGED_ROW", startLine, "row " + record.getRecordNumber()
                            + " (line " + startLine + ") has " + record.size() + " cells but the header has "
                            + columns.size() + " columns: every row needs one cell per column (empty cells too;"
                            + " a cell holding a comma must be in double quotes)");
                }
                rows.add(new CsvRow(record.getRecordNumber(), startLine, record.toList()));
            }
            startLine = parser.getCurrentLineNumber() + 1;
        }
        if (rows.isEmpty()) {
            throw new CsvFileException(BODY, "NO_ROWS", 2L, "the file has a header row but no data rows");
        }
        return new CsvTable(columns, rows);
    }

    /** The next record, or empty at the end; a quoting error is refused naming its line. */
    private static Optional<CSVRecord> next(Iterator<CSVRecord> records, CSVParser parser, long startLine) {
        try {
            return records.hasNext() ? Optional.of(records.next()) : Optional.empty();
        } catch (UncheckedIOException | IllegalStateException e) {
            String reason = String.valueOf(e.getMessage());
            if (reason.contains("EOF")) {
                throw new CsvFileException(BODY, "MALFORMED_CSV", startLine, "line " + startLine + " opens a quoted"
                        + " cell (\") that is never closed: close it with \", and write a quote inside a quoted"
                        + " cell as \"\"");
            }
            long line = parser.getCurrentLineNumber();
            throw new CsvFileException(BODY, "MALFORMED_CSV", line, "line " + line + " has text after a quoted"
                    + " cell's closing quote (\"): a quote inside a quoted cell is written \"\", and a cell ends at a"
                    + " comma or the end of the line");
        }
    }

    private static List<String> header(CSVRecord record) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < record.size(); i++) {
            String name = record.get(i).strip();
            if (name.isEmpty()) {
                throw new CsvFileException(BODY, "EMPTY_COLUMN_NAME", 1L, "the header's column " + (i + 1)
                        + " has no name: every column needs one (the first line of the file is the header row)");
            }
            if (names.contains(name)) {
                throw new CsvFileException(BODY, "DUPLICATE_COLUMN", 1L, "the header names column '" + name
                        + "' twice (columns " + (names.indexOf(name) + 1) + " and " + (i + 1) + "): names must differ");
            }
            names.add(name);
        }
        return names;
    }

    /** Strict UTF-8: a byte that is not UTF-8 refuses the file, naming its line. */
    private static String decodeUtf8(byte[] body) {
        if (body.length >= 2 && ((body[0] == (byte) 0xFE && body[1] == (byte) 0xFF)
                || (body[0] == (byte) 0xFF && body[1] == (byte) 0xFE))) {
            throw new CsvFileException(BODY, "NOT_UTF8", 1L, "the file is UTF-16 (it starts with a UTF-16"
                    + " byte-order mark), not UTF-8: " + SAVE_AS);
        }
        int start = body.length >= 3 && body[0] == (byte) 0xEF && body[1] == (byte) 0xBB && body[2] == (byte) 0xBF ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body, start, body.length - start);
        CharBuffer out = CharBuffer.allocate(body.length - start);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int offset = in.position();
            long line = 1;
            for (int i = 0; i < offset; i++) {
                if (body[i] == '\n') {
                    line++;
                }
            }
            throw new CsvFileException(BODY, "NOT_UTF8", line, "line " + line + " is not UTF-8 (byte "
                    + String.format("0x%02X", body[offset] & 0xFF) + " at offset " + offset + "): " + SAVE_AS);
        }
        return out.flip().toString();
    }

    private static long lineOf(String text, int index) {
        return 1 + text.substring(0, index).chars().filter(c -> c == '\n').count();
    }
}
