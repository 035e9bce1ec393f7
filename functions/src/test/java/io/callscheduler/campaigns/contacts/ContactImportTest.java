package io.callscheduler.campaigns.contacts;

import java.time.LocalTime;
import java.time.DayOfWeek;
import io.callscheduler.testing.TestMoments;
import io.callscheduler.callinghours.CallingWindow;
import io.callscheduler.callinghours.libphonenumber.LibPhoneNumberCalleeZones;
import io.callscheduler.campaigns.messages.MessageTemplate;
import io.callscheduler.csv.CsvFileException;
import io.callscheduler.destinations.DestinationGuard;
import io.callscheduler.destinations.DialableNumbers;
import io.callscheduler.destinations.NumberType;
import io.callscheduler.destinations.libphonenumber.LibPhoneNumberCallingCodes;
import io.callscheduler.destinations.libphonenumber.LibPhoneNumberPlan;
import io.callscheduler.destinations.libphonenumber.LibPhoneNumberWrittenNumbers;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ContactImportTest {
    /** A Monday noon UTC. */
    private static final Instant FROM = TestMoments.next(DayOfWeek.MONDAY, LocalTime.NOON);
    private static final ContactRules OPEN = ContactRules.open(new LibPhoneNumberWrittenNumbers(),
            new LibPhoneNumberCalleeZones(), FROM);

    private static ImportReport validate(String csv, ContactRules rules) {
        return ContactImport.validate(csv.getBytes(StandardCharsets.UTF_8), rules);
    }

    private static List<String> codes(ImportReport report) {
        return report.rejects().stream().map(r -> r.row() + " " + r.column() + " " + r.code()).toList();
    }

    @Test
    void aNumberWrittenNationallyIsReadWithTheDefaultRegionAndStoredAsE164() {
        ImportReport report = validate("phoneNumber,contactName\n(415) 555-0123,Ann\n+44 20 7946 0958,Bob\n",
                OPEN.withDefaultRegion("us"));

        assertThat(report.rejects()).isEmpty();
        assertThat(report.contacts()).extracting(Contact::phoneNumber).containsExactly("+14155550123", "+442079460958");
        assertThat(report.contacts().get(0).columns()).containsEntry("phoneNumber", "+14155550123");
    }

    /** What one upload may hold, refused before any contact is read, so that nothing is written half-way. */
    @Test
    void tooManyRowsOrColumnsAreRefusedWholeAndALongCellIsARowReject() {
        StringBuilder rows = new StringBuilder("phoneNumber\n");
        for (int i = 0; i <= ContactImport.MAX_ROWS; i++) {
            rows.append("+1415555").append(String.format("%04d", i % 10_000)).append('\n');
        }
        assertThat(catchThrowableOfType(CsvFileException.class, () -> validate(rows.toString(), OPEN)).code())
                .isEqualTo("TOO_MANY_ROWS");
        String wide = "phoneNumber," + String.join(",", java.util.stream.IntStream.range(0, ContactImport.MAX_COLUMNS)
                .mapToObj(i -> "c" + i).toList()) + "\n+14155550100" + ",x".repeat(ContactImport.MAX_COLUMNS) + "\n";
        assertThat(catchThrowableOfType(CsvFileException.class, () -> validate(wide, OPEN)).code())
                .isEqualTo("TOO_MANY_COLUMNS");

        ImportReport report = validate("phoneNumber,remark\n+14155550100," + "y".repeat(ContactImport.MAX_CELL + 1)
                + "\n+14155550101,fine\n", OPEN);
        assertThat(codes(report)).containsExactly("2 remark TOO_LONG");
        assertThat(report.accepted()).isEqualTo(1);
    }

    @Test
    void withoutADefaultRegionANationalNumberIsInvalidSayingWhatToGive() {
        ImportReport report = validate("phoneNumber\n(415) 555-0123\n+1415555\nnot a number\n\n   \n", OPEN);

        assertThat(codes(report)).containsExactly("2 phoneNumber INVALID_NUMBER", "3 phoneNumber INVALID_NUMBER",
                "4 phoneNumber INVALID_NUMBER", "6 phoneNumber INVALID_NUMBER");
        assertThat(report.rejects().get(0).message()).contains("without its country code").contains("defaultRegion");
        assertThat(report.rejects().get(1).message()).startsWith("phoneNumber '+1415555' is");
        assertThat(report.rejects().get(3).message()).isEqualTo("phoneNumber is empty");
        assertThat(report.rows()).as("a blank line is no contact; a line of spaces is a row with an empty number")
                .isEqualTo(4);
    }

    @Test
    void anUnknownDefaultRegionRefusesTheUpload() {
        CsvFileException e = catchThrowableOfType(CsvFileException.class,
                () -> validate("phoneNumber\n+14155550123\n", OPEN.withDefaultRegion("XX")));

        assertThat(e.field()).isEqualTo("defaultRegion");
        assertThat(e.code()).isEqualTo("INVALID_REGION");
    }

    @Test
    void aFileWithoutAPhoneNumberColumnIsRefusedWithAHint() {
        CsvFileException cased = catchThrowableOfType(CsvFileException.class,
                () -> validate("PhoneNumber,contactName\n+14155550123,Ann\n", OPEN));
        CsvFileException semicolons = catchThrowableOfType(CsvFileException.class,
                () -> validate("phoneNumber;contactName\n+14155550123;Ann\n", OPEN));

        assertThat(cased.code()).isEqualTo("MISSING_COLUMN");
        assertThat(cased.line()).isEqualTo(1L);
        assertThat(cased.getMessage()).contains("there is 'PhoneNumber'");
        assertThat(semicolons.getMessage()).contains("separated by ';'");
    }

    @Test
    void theDeploymentsDestinationRulesRejectCountriesAndNumberTypes() {
        DestinationGuard usOnlyNoPremium = new DestinationGuard(Set.of(1), 0, LibPhoneNumberCallingCodes::new,
                new DialableNumbers(NumberType.DEFAULT_ALLOWED, LibPhoneNumberPlan::new));

        ImportReport report = validate("phoneNumber\n+442079460958\n+19005550100\n+14155550123\n",
                OPEN.withDestinations(usOnlyNoPremium));

        assertThat(codes(report)).containsExactly("2 phoneNumber COUNTRY_NOT_ALLOWED", "3 phoneNumber NUMBER_NOT_ALLOWED");
        assertThat(report.rejects().get(1).message()).contains("premium-rate");
        assertThat(report.contacts()).extracting(Contact::phoneNumber).containsExactly("+14155550123");
    }

    @Test
    void suppressedAndDuplicateNumbersAreRejectedAndCountedAskingEachListOnceForTheWholeFile() {
        List<Set<String>> suppressionQueries = new ArrayList<>();
        NumberLookup doNotCall = numbers -> {
            suppressionQueries.add(numbers);
            return numbers.contains("+14155550199") ? Set.of("+14155550199") : Set.of();
        };
        String csv = "phoneNumber,contactName\n"
                + "+14155550123,Ann\n"           // row 2: accepted
                + "(415) 555-0123,Ann again\n"   // row 3: the same number, written nationally
                + "+14155550199,Opted out\n"     // row 4: on the do-not-call list
                + "+14155550150,Known\n"         // row 5: already in the campaign
                + "+14155550151,New\n";          // row 6: accepted

        ImportReport report = validate(csv, OPEN.withDefaultRegion("US").withSuppressed(doNotCall)
                .withInCampaign(NumberLookup.of("+14155550150"::equals)));

        assertThat(codes(report)).containsExactly("3 phoneNumber DUPLICATE_IN_FILE", "4 phoneNumber SUPPRESSED",
                "5 phoneNumber DUPLICATE_IN_CAMPAIGN");
        assertThat(report.rejects().get(0).message()).contains("also on row 2");
        assertThat(report).extracting(ImportReport::rows, ImportReport::accepted, ImportReport::rejected,
                ImportReport::duplicates, ImportReport::suppressed).containsExactly(5, 2, 3, 2, 1);
        assertThat(suppressionQueries).hasSize(1);
        assertThat(suppressionQueries.get(0)).containsExactlyInAnyOrder("+14155550123", "+14155550199",
                "+14155550150", "+14155550151");
    }

    @Test
    void calleeTimeZoneMustBeAnIanaZone() {
        ImportReport report = validate("phoneNumber,calleeTimeZone\n+14155550123,america/chicago\n"
                + "+14155550124,+02:00\n+14155550125,Europe/Paris\n+14155550126,\n", OPEN);

        assertThat(codes(report)).containsExactly("2 calleeTimeZone BAD_TIME_ZONE", "3 calleeTimeZone BAD_TIME_ZONE");
        assertThat(report.rejects().get(0).message()).contains("did you mean America/Chicago?");
        assertThat(report.contacts()).extracting(Contact::calleeZones)
                .containsExactly(List.of("Europe/Paris"), List.of());
    }

    @Test
    void aNumberWhoseZonesNeverShareAnOpenMomentInTheWindowIsRejectedUnlessItsZoneIsGiven() {
        CallingWindow officeHours = CallingWindow.parse("09:00-17:00", "Mon-Fri");
        // A US toll-free number may ring in every US zone, Guam to Adak: no 09:00-17:00 holds in all at once.
        ImportReport report = validate("phoneNumber,calleeTimeZone\n+18005550100,\n+18005550101,America/Denver\n"
                + "+14155550123,\n", OPEN.withWindow(officeHours, ZoneId.of("America/New_York")));

        assertThat(codes(report)).containsExactly("2 calleeTimeZone NO_CALLING_HOURS");
        assertThat(report.rejects().get(0).message()).contains("never share an open moment").contains("give calleeTimeZone");
        assertThat(report.contacts()).extracting(Contact::calleeZones)
                .containsExactly(List.of("America/Denver"), List.of("America/Los_Angeles"));
    }

    @Test
    void aRowWithSeveralFaultsGetsAllOfThemAndRowsCountAsASpreadsheetCountsThem() {
        String csv = "phoneNumber,contactName,notes,calleeTimeZone\n"
                + "+14155550123,Ann,\"first line\nsecond line\",\n"   // row 2, lines 2-3
                + "\n"                                               // row 3: blank
                + "+1415,\"" + "N".repeat(101) + "\",x,Mars/Olympus\n"; // row 4, line 5

        ImportReport report = validate(csv, OPEN);

        assertThat(codes(report)).containsExactly("4 phoneNumber INVALID_NUMBER", "4 calleeTimeZone BAD_TIME_ZONE",
                "4 contactName TOO_LONG");
        assertThat(report.rows()).isEqualTo(2);
        assertThat(report.rejected()).as("rows, not rejects").isEqualTo(1);
    }

    @Test
    void anAcceptedContactKeepsEveryColumnInFileOrder() {
        ImportReport report = validate("contactName,phoneNumber,calleeTimeZone,notes,appointment\n"
                + "Ann,+1 415 555 0123,America/Los_Angeles,bring the card,Tue 10:00\n", OPEN);

        Contact ann = report.contacts().get(0);
        assertThat(ann.row()).isEqualTo(2);
        assertThat(ann.columns()).containsExactly(Map.entry("contactName", "Ann"), Map.entry("phoneNumber", "+14155550123"),
                Map.entry("calleeTimeZone", "America/Los_Angeles"), Map.entry("notes", "bring the card"),
                Map.entry("appointment", "Tue 10:00"));
        assertThat(ann.contactName()).isEqualTo("Ann");
        assertThat(ann.notes()).isEqualTo("bring the card");
    }

    @Test
    void theMessagesFieldsMustBeColumnsOfTheFileAndTheFilledMessageFitACall() {
        ContactRules rules = OPEN.withMessage(MessageTemplate.forCampaign("Hi {{contactName}}, see you {{appointment}}. {{notes}}",
                List.of("appointment")));

        CsvFileException missing = catchThrowableOfType(CsvFileException.class,
                () -> validate("phoneNumber,contactName\n+14155550123,Ann\n", rules));
        ImportReport report = validate("phoneNumber,appointment,notes\n+14155550123,Tue,\n+14155550124,Wed,\""
                + "n".repeat(990) + "\"\n", rules);

        assertThat(missing.code()).isEqualTo("MISSING_COLUMN");
        assertThat(missing.getMessage()).contains("{{appointment}}");
        assertThat(codes(report)).containsExactly("3 message TOO_LONG");
    }

    @Test
    void theRejectsAreAlsoCsvSafeToOpenInASpreadsheet() throws IOException {
        ImportReport report = validate("phoneNumber,calleeTimeZone\n=HYPERLINK(\"x\"),\n+14155550123,=1+1\n", OPEN);
        StringWriter out = new StringWriter();

        report.writeRejectsCsv(out);

        List<CSVRecord> records;
        try (CSVParser parser = CSVParser.parse(out.toString(), CSVFormat.RFC4180)) {
            records = parser.getRecords();
        }
        assertThat(records.get(0).toList()).containsExactly("row", "column", "code", "message");
        assertThat(records.get(1).toList()).containsExactly("2", "phoneNumber", "INVALID_NUMBER",
                report.rejects().get(0).message());
        assertThat(records.get(2).get(2)).isEqualTo("BAD_TIME_ZONE");
        assertThat(records).hasSize(3);
    }

    @Test
    void tenThousandRowsAreValidatedQuickly() {
        StringBuilder csv = new StringBuilder("phoneNumber,contactName,calleeTimeZone,notes\n");
        for (int i = 0; i < 10_000; i++) {
            csv.append(i % 2 == 0 ? "+1415" : "(212) ").append(String.format("%07d", 2_000_000 + i))
                    .append(",Contact ").append(i).append(i % 3 == 0 ? ",America/Chicago" : ",").append(",note ").append(i).append('\n');
        }
        byte[] body = csv.toString().getBytes(StandardCharsets.UTF_8);
        ContactRules rules = OPEN.withDefaultRegion("US").withWindow(CallingWindow.parse("09:00-20:00", "Mon-Sat"),
                ZoneId.of("America/New_York")).withSuppressed(NumberLookup.of("+14152000000"::equals));
        // The first run in a JVM loads libphonenumber's metadata and time-zone map and is not yet compiled: a cold
        // Lambda's case. The third is a warm container's.
        ImportReport report = null;
        for (int run = 1; run <= 3; run++) {
            long start = System.nanoTime();
            report = ContactImport.validate(body, rules);
            System.out.printf("10,000-row contacts file (%d bytes) validated in %d ms (run %d in this JVM)%n",
                    body.length, (System.nanoTime() - start) / 1_000_000, run);
        }
        assertThat(report.rows()).isEqualTo(10_000);
        assertThat(report.accepted()).isEqualTo(9_999);
        assertThat(report.suppressed()).isEqualTo(1);
    }
}
