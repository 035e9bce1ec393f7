package io.callscheduler.csv;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvTableTest {
    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static CsvFileException refusal(byte[] body) {
        return (CsvFileException) org.assertj.core.api.Assertions.catchThrowable(() -> CsvTable.read(body));
    }

    @Test
    void rowsAreNumberedAsASpreadsheetShowsThemHeaderFirstBlankLinesIncludedMultiLineCellsOnce() {
        CsvTable table = CsvTable.read(utf8("phoneNumber,notes\r\n"          // row 1, line 1
                + "+14155550100,a\r\n"                                        // row 2, line 2
                + "\r\n"                                                      // row 3 (blank), line 3
                + "+14155550101,\"two\r\nlines\"\r\n"                         // row 4, lines 4-5
                + "+14155550102,\"say \"\"hi\"\", ok\"\r\n"));                // row 5, line 6

        assertThat(table.columns()).containsExactly("phoneNumber", "notes");
        assertThat(table.rows()).extracting(CsvRow::row).containsExactly(2L, 4L, 5L);
        assertThat(table.rows()).extracting(CsvRow::line).containsExactly(2L, 4L, 6L);
        assertThat(table.rows().get(1).cells()).containsExactly("+14155550101", "two\r\nlines");
        assertThat(table.rows().get(2).cells()).containsExactly("+14155550102", "say \"hi\", ok");
    }

    @Test
    void aByteOrderMarkIsAcceptedAndDropped() {
        byte[] body = utf8("\uFEFFphoneNumber,contactName\n+14155550100,Zoë\n");
        assertThat(body[0]).isEqualTo((byte) 0xEF);

        CsvTable table = CsvTable.read(body);

        assertThat(table.columns()).containsExactly("phoneNumber", "contactName");
        assertThat(table.indexOf("phoneNumber")).contains(0);
        assertThat(table.rows().get(0).cells()).containsExactly("+14155550100", "Zoë");
    }

    @Test
    void aFileThatIsNotUtf8IsRefusedNamingTheLine() {
        byte[] latin1 = "phoneNumber,contactName\n+14155550100,Ann\n+14155550101,Zoë\n".getBytes(StandardCharsets.ISO_8859_1);

        CsvFileException e = refusal(latin1);

        assertThat(e.code()).isEqualTo("NOT_UTF8");
        assertThat(e.field()).isEqualTo("body");
        assertThat(e.line()).isEqualTo(3L);
        assertThat(e.getMessage()).startsWith("line 3 is not UTF-8 (byte 0xEB").contains("CSV UTF-8");
    }

    @Test
    void aUtf16FileIsRefusedAsNotUtf8() {
        byte[] body = "phoneNumber\n+14155550100\n".getBytes(StandardCharsets.UTF_16); // big-endian, with its mark

        assertThat(refusal(body).code()).isEqualTo("NOT_UTF8");
        assertThat(refusal(body).getMessage()).contains("UTF-16");
        assertThat(refusal(utf8("phoneNumber\n+1415\u00005550100\n")).code()).isEqualTo("NOT_CSV");
    }

    @Test
    void aFileLargerThanFiveMebibytesIsRefusedBeforeItIsParsed() {
        byte[] notUtf8 = new byte[CsvTable.MAX_BYTES + 1];
        Arrays.fill(notUtf8, (byte) 0xFF);

        CsvFileException e = refusal(notUtf8);

        assertThat(e.code()).as("refused for its size, not its content").isEqualTo("FILE_TOO_LARGE");
        assertThat(e.line()).isNull();

        StringBuilder exactly = new StringBuilder("phoneNumber,notes\n+14155550100,");
        exactly.append("x".repeat(CsvTable.MAX_BYTES - exactly.length() - 1)).append('\n');
        assertThat(CsvTable.read(utf8(exactly.toString())).rows()).hasSize(1);
    }

    @Test
    void raggedRowsAreRefusedWithTheirLine() {
        String start = "phoneNumber,contactName\n+14155550100,\"Ann\nSmith\"\n"; // the second row spans lines 2-3

        CsvFileException more = refusal(utf8(start + "+14155550101,Bob,extra\n"));
        CsvFileException fewer = refusal(utf8(start + "+14155550101\n"));

        assertThat(more.code()).isEqualTo("RAGGED_ROW");
        assertThat(more.line()).isEqualTo(4L);
        assertThat(more.getMessage()).startsWith("row 3 (line 4) has 3 cells but the header has 2 columns");
        assertThat(fewer.code()).isEqualTo("RAGGED_ROW");
        assertThat(fewer.line()).isEqualTo(4L);
    }

    @Test
    void quotingErrorsAreRefusedWithTheirLine() {
        CsvFileException unclosed = refusal(utf8("phoneNumber,notes\n+14155550100,ok\n+14155550101,\"never closed\n+1,x\n"));
        CsvFileException afterQuote = refusal(utf8("phoneNumber,notes\n+14155550100,ok\n+14155550101,\"quoted\"tail\n"));

        assertThat(unclosed.code()).isEqualTo("MALFORMED_CSV");
        assertThat(unclosed.line()).as("where the quoted cell opens").isEqualTo(3L);
        assertThat(unclosed.getMessage()).contains("never closed");
        assertThat(afterQuote.code()).isEqualTo("MALFORMED_CSV");
        assertThat(afterQuote.line()).isEqualTo(3L);
        assertThat(afterQuote.getMessage()).contains("after a quoted cell's closing quote");
    }

    @Test
    void aQuoteInsideAnUnquotedCellIsReadLiterallyAsSpreadsheetsDo() {
        CsvTable table = CsvTable.read(utf8("phoneNumber,contactName\n+14155550100,Jane \"JJ\" Doe\n"));

        assertThat(table.rows().get(0).cells()).containsExactly("+14155550100", "Jane \"JJ\" Doe");
    }

    @Test
    void theHeaderNeedsDistinctNonEmptyNames() {
        CsvFileException duplicate = refusal(utf8("phoneNumber,notes, notes\n+14155550100,a,b\n"));
        CsvFileException empty = refusal(utf8("phoneNumber,,notes\n+14155550100,a,b\n"));

        assertThat(duplicate.code()).isEqualTo("DUPLICATE_COLUMN");
        assertThat(duplicate.line()).isEqualTo(1L);
        assertThat(duplicate.getMessage()).contains("'notes' twice (columns 2 and 3)");
        assertThat(empty.code()).isEqualTo("EMPTY_COLUMN_NAME");
        assertThat(empty.getMessage()).contains("column 2 has no name");
    }

    @Test
    void anEmptyFileOrAHeaderAloneIsRefused() {
        assertThat(refusal(utf8("")).code()).isEqualTo("EMPTY_FILE");
        assertThat(refusal(utf8("\uFEFF\r\n")).code()).isEqualTo("EMPTY_FILE");
        assertThat(refusal(utf8("phoneNumber,notes\r\n\r\n")).code()).isEqualTo("NO_ROWS");
    }

    @Test
    void theRefusalIsAValidationExceptionSoHandlersAnswerItAs400() {
        assertThatThrownBy(() -> CsvTable.read(utf8("a,a\n1,2\n")))
                .isInstanceOf(io.callscheduler.domain.ValidationException.class);
        assertThat(List.of(CsvTable.MAX_BYTES)).containsExactly(5_242_880);
    }
}
