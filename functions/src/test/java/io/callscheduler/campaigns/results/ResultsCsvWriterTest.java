package io.callscheduler.campaigns.results;

import java.time.LocalTime;
import java.time.DayOfWeek;
import io.callscheduler.testing.TestMoments;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ResultsCsvWriterTest {
    private static final Instant FIRST = TestMoments.next(DayOfWeek.MONDAY, LocalTime.of(15, 0));

    private static ResultRow answered(String number, String name, Map<String, String> columns) {
        return new ResultRow(number, name, columns, "COMPLETED", 2, "human", Duration.ofSeconds(42), null,
                FIRST, FIRST.plusSeconds(600));
    }

    @Test
    void theColumnsAreVersionedFixedThenTheCampaignsOwnThenTheOutcome() throws IOException {
        StringWriter out = new StringWriter();
        try (ResultsCsvWriter results = new ResultsCsvWriter(out,
                List.of("phoneNumber", "contactName", "calleeTimeZone", "notes", "appointment", "status"))) {
            results.write(answered("+14155550123", "Ann", Map.of("calleeTimeZone", "America/Chicago",
                    "notes", "card", "appointment", "Tue", "status", "VIP")));
            results.write(new ResultRow("+14155550124", null, Map.of(), "CANCELED", 0, null, null, "suppressed",
                    null, null));
        }

        Parsed parsed = parse(out.toString());
        assertThat(parsed.header()).containsExactly("resultsVersion", "phoneNumber", "contactName",
                "calleeTimeZone", "notes", "appointment", "contact.status", "status", "attempts", "answeredBy",
                "durationSeconds", "lastError", "firstDialAt", "lastDialAt");
        assertThat(parsed.rows().get(0).toList()).containsExactly("1", "'+14155550123", "Ann", "America/Chicago", "card",
                "Tue", "VIP", "COMPLETED", "2", "human", "42", "", FIRST.toString(), FIRST.plusSeconds(600).toString());
        assertThat(parsed.rows().get(1).toList()).containsExactly("1", "'+14155550124", "", "", "", "", "", "CANCELED",
                "0", "", "", "suppressed", "", "");
    }

    @Test
    void cellsASpreadsheetWouldRunAsFormulasAreNeutralised() throws IOException {
        StringWriter out = new StringWriter();
        try (ResultsCsvWriter results = new ResultsCsvWriter(out, List.of("notes"))) {
            results.write(answered("+14155550123", "=HYPERLINK(\"http://evil.example\",\"x\")",
                    Map.of("notes", "@SUM(1+1)")));
        }

        CSVRecord row = parse(out.toString()).rows().get(0);
        assertThat(row.get("contactName")).isEqualTo("'=HYPERLINK(\"http://evil.example\",\"x\")");
        assertThat(row.get("notes")).isEqualTo("'@SUM(1+1)");
    }

    @Test
    void eachRowReachesTheWriterAsItIsWrittenNothingIsHeldBack() throws IOException {
        StringWriter sink = new StringWriter();
        Writer unbuffered = new Writer() { // as a response stream: whatever arrives is gone from this process
            @Override
            public void write(char[] chars, int offset, int length) {
                sink.write(chars, offset, length);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        ResultsCsvWriter results = new ResultsCsvWriter(unbuffered, List.of());
        int headerLength = sink.toString().length();
        assertThat(headerLength).isPositive();

        results.write(answered("+14155550123", "Ann", Map.of()));

        assertThat(sink.toString().substring(headerLength)).startsWith("\"1\",\"'+14155550123\",\"Ann\"").endsWith("\r\n");
        results.close();
    }

    /** The header's names, then each row by name. */
    private record Parsed(List<String> header, List<CSVRecord> rows) {
    }

    private static Parsed parse(String csv) throws IOException {
        try (CSVParser parser = CSVParser.parse(csv, CSVFormat.RFC4180.builder().setHeader().get())) {
            return new Parsed(parser.getHeaderNames(), parser.getRecords());
        }
    }
}
