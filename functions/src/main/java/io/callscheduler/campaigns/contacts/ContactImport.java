package io.callscheduler.campaigns.contacts;

import io.callscheduler.callinghours.CallingWindow;
import io.callscheduler.csv.CsvFileException;
import io.callscheduler.csv.CsvRow;
import io.callscheduler.csv.CsvTable;
import io.callscheduler.destinations.WrittenNumbers;
import io.callscheduler.domain.CallRules;
import io.callscheduler.domain.CallScripts;
import io.callscheduler.domain.ValidationException;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static io.callscheduler.campaigns.contacts.ContactColumns.CALLEE_TIME_ZONE;
import static io.callscheduler.campaigns.contacts.ContactColumns.CONTACT_NAME;
import static io.callscheduler.campaigns.contacts.ContactColumns.NOTES;
import static io.callscheduler.campaigns.contacts.ContactColumns.PHONE_NUMBER;

/**
 * Reads a contacts file into the contacts to import and the rows to reject, each with its reasons. Pure: the
 * do-not-call list and the campaign's numbers come through {@link NumberLookup} ports, asked once per file.
 * A file that cannot be read as a whole is refused with a {@link CsvFileException}: nothing of it is imported.
 */
public final class ContactImport {
    private static final Set<String> IANA_ZONES = ZoneId.getAvailableZoneIds();

    private ContactImport() {
    }

    /**
     * @param body  the uploaded file (text/csv)
     * @throws CsvFileException for a file, a header or a defaultRegion that cannot be used at all
     */
    public static ImportReport validate(byte[] body, ContactRules rules) {
        if (rules.defaultRegion() != null && !rules.numbers().isRegion(rules.defaultRegion())) {
            throw new CsvFileException("defaultRegion", "INVALID_REGION", null, "defaultRegion '"
                    + rules.defaultRegion() + "' is not a region: give the two-letter ISO 3166 code the nationally"
                    + " written numbers are in, such as US or GB");
        }
        CsvTable table = CsvTable.read(body);
        int phone = requireColumns(table, rules);
        refuseOversized(table);
        List<Reading> readings = new ArrayList<>(table.rows().size());
        Set<String> numbers = new HashSet<>();
        for (CsvRow row : table.rows()) {
            Reading reading = read(row, table.columns(), phone, rules);
            readings.add(reading);
            if (reading.e164 != null) {
                numbers.add(reading.e164);
            }
        }
        Set<String> suppressed = numbers.isEmpty() ? Set.of() : rules.suppressed().present(numbers);
        Set<String> inCampaign = numbers.isEmpty() ? Set.of() : rules.inCampaign().present(numbers);
        return classify(readings, suppressed, inCampaign, new OpeningCache(rules));
    }

    /** Data rows one upload may hold: checked and stored within API Gateway's 29 s, in a few hundred transactions. */
    public static final int MAX_ROWS = 10_000;
    /** Columns one upload may have. */
    public static final int MAX_COLUMNS = 50;
    /** Characters one cell may hold: 50 such cells keep a contact, and 99 contacts a transaction, inside DynamoDB's limits. */
    public static final int MAX_CELL = 500;
    /** Characters of a cell a reject's message repeats. */
    private static final int ECHOED = 40;

    /** Refuses, before anything is read into contacts or written, a file too big for one upload. */
    private static void refuseOversized(CsvTable table) {
        if (table.columns().size() > MAX_COLUMNS) {
            throw new CsvFileException(CsvTable.BODY, "TOO_MANY_COLUMNS", 1L, "the header names " + table.columns().size()
                    + " columns; a contacts file has at most " + MAX_COLUMNS);
        }
        if (table.rows().size() > MAX_ROWS) {
            throw new CsvFileException(CsvTable.BODY, "TOO_MANY_ROWS", null, "the file has " + table.rows().size()
                    + " rows of contacts; one upload takes at most " + MAX_ROWS + ": split it into several uploads"
                    + " to the same campaign (a number already in it is reported, not added twice)");
        }
    }

    /** A cell as a reject's message repeats it: at most {@value #ECHOED} characters. */
    static String echo(String cell) {
        return cell.length() <= ECHOED ? cell : cell.substring(0, ECHOED) + "…";
    }

    /** What one row says before the lists are asked: its number, zones and the rejects found so far. */
    private static final class Reading {
        final CsvRow row;
        final Map<String, String> columns;
        String e164;
        List<String> zones = List.of();
        final List<Reject> numberRejects = new ArrayList<>();
        final List<Reject> otherRejects = new ArrayList<>();

        Reading(CsvRow row, Map<String, String> columns) {
            this.row = row;
            this.columns = columns;
        }
    }

    private static int requireColumns(CsvTable table, ContactRules rules) {
        int phone = table.indexOf(PHONE_NUMBER).orElseThrow(() -> missingPhoneColumn(table.columns()));
        if (rules.message() != null) {
            for (String field : rules.message().fields()) {
                if (table.indexOf(field).isEmpty() && !ContactColumns.STANDARD.contains(field)) {
                    throw new CsvFileException(CsvTable.BODY, "MISSING_COLUMN", 1L, "the campaign's message uses {{"
                            + field + "}}, and the file's header has no " + field + " column");
                }
            }
        }
        return phone;
    }

    private static CsvFileException missingPhoneColumn(List<String> columns) {
        String hint = columns.stream().filter(c -> c.replaceAll("[\\s_-]", "").equalsIgnoreCase(PHONE_NUMBER))
                .findFirst().map(c -> " (there is '" + c + "': column names are case-sensitive)").orElse("");
        if (hint.isEmpty() && columns.size() == 1 && columns.get(0).contains(";")) {
            hint = " (its columns seem separated by ';': save the file with commas, as \"CSV UTF-8 (comma delimited)\")";
        }
        return new CsvFileException(CsvTable.BODY, "MISSING_COLUMN", 1L, "the header row has no phoneNumber column"
                + hint + "; the header names the columns, phoneNumber required, such as phoneNumber,contactName");
    }

    private static Reading read(CsvRow row, List<String> columnNames, int phone, ContactRules rules) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (int i = 0; i < columnNames.size(); i++) {
            columns.put(columnNames.get(i), row.cells().get(i));
        }
        Reading reading = new Reading(row, columns);
        String written = row.cells().get(phone).strip();
        if (written.isEmpty()) {
            reading.numberRejects.add(reject(row, PHONE_NUMBER, RejectCode.INVALID_NUMBER, "phoneNumber is empty"));
        } else {
            WrittenNumbers.Reading number = rules.numbers().read(written, rules.defaultRegion());
            if (!number.isRead()) {
                reading.numberRejects.add(reject(row, PHONE_NUMBER, RejectCode.INVALID_NUMBER,
                        "phoneNumber '" + echo(written) + "' " + number.problem()));
            } else {
                try {
                    rules.destinations().check(number.e164());
                    reading.e164 = number.e164();
                    columns.put(PHONE_NUMBER, number.e164());
                } catch (ValidationException refused) {
                    RejectCode code = "COUNTRY_NOT_ALLOWED".equals(refused.code())
                            ? RejectCode.COUNTRY_NOT_ALLOWED : RejectCode.NUMBER_NOT_ALLOWED;
                    reading.numberRejects.add(reject(row, PHONE_NUMBER, code, refused.getMessage()));
                }
            }
        }
        readZone(reading, rules);
        checkLength(reading, CONTACT_NAME, CallRules.MAX_CONTACT_NAME);
        checkLength(reading, NOTES, CallRules.MAX_NOTES);
        for (Map.Entry<String, String> cell : columns.entrySet()) {
            if (!cell.getKey().equals(CONTACT_NAME) && !cell.getKey().equals(NOTES) && cell.getValue().length() > MAX_CELL) {
                reading.otherRejects.add(reject(row, cell.getKey(), RejectCode.TOO_LONG, cell.getKey() + " is "
                        + cell.getValue().length() + " characters; a cell holds at most " + MAX_CELL));
            }
        }
        if (rules.message() != null) {
            int length = rules.message().render(columns).length();
            if (length > CallScripts.MAX_MESSAGE) {
                reading.otherRejects.add(reject(row, "message", RejectCode.TOO_LONG, "the campaign's message filled"
                        + " with this row is " + length + " characters; a call's message is at most " + CallScripts.MAX_MESSAGE));
            }
        }
        return reading;
    }

    private static void readZone(Reading reading, ContactRules rules) {
        String given = reading.columns.getOrDefault(CALLEE_TIME_ZONE, "").strip();
        if (!given.isEmpty()) {
            if (IANA_ZONES.contains(given)) {
                reading.zones = List.of(given);
                reading.columns.put(CALLEE_TIME_ZONE, given);
            } else {
                String hint = IANA_ZONES.stream().filter(z -> z.equalsIgnoreCase(given)).findFirst()
                        .map(z -> " (did you mean " + z + "?)").orElse("");
                reading.otherRejects.add(reject(reading.row, CALLEE_TIME_ZONE, RejectCode.BAD_TIME_ZONE,
                        "calleeTimeZone '" + echo(given) + "' is not an IANA time zone such as America/New_York" + hint));
            }
        } else if (reading.e164 != null && !rules.window().isAnyTime()) {
            reading.zones = rules.calleeZones().zonesOf(reading.e164).stream().map(ZoneId::getId).toList();
        }
    }

    private static void checkLength(Reading reading, String column, int max) {
        String value = reading.columns.get(column);
        if (value != null && value.length() > max) {
            reading.otherRejects.add(reject(reading.row, column, RejectCode.TOO_LONG, column + " is "
                    + value.length() + " characters; at most " + max));
        }
    }

    private static ImportReport classify(List<Reading> readings, Set<String> suppressed, Set<String> inCampaign,
                                         OpeningCache openings) {
        Map<String, Long> firstRowOf = new HashMap<>();
        List<Contact> contacts = new ArrayList<>();
        List<Reject> rejects = new ArrayList<>();
        int duplicates = 0;
        int suppressedRows = 0;
        for (Reading reading : readings) {
            CsvRow row = reading.row;
            List<Reject> found = new ArrayList<>(reading.numberRejects);
            if (reading.e164 != null) {
                Long first = firstRowOf.putIfAbsent(reading.e164, row.row());
                if (suppressed.contains(reading.e164)) {
                    found.add(reject(row, PHONE_NUMBER, RejectCode.SUPPRESSED, "phoneNumber " + reading.e164
                            + " is on the do-not-call list"));
                    suppressedRows++;
                } else if (first != null) {
                    found.add(reject(row, PHONE_NUMBER, RejectCode.DUPLICATE_IN_FILE, "phoneNumber " + reading.e164
                            + " is also on row " + first + " of this file"));
                    duplicates++;
                } else if (inCampaign.contains(reading.e164)) {
                    found.add(reject(row, PHONE_NUMBER, RejectCode.DUPLICATE_IN_CAMPAIGN, "phoneNumber "
                            + reading.e164 + " is already in this campaign"));
                    duplicates++;
                }
            }
            found.addAll(reading.otherRejects);
            boolean zoneKnown = found.stream().noneMatch(r -> r.code() == RejectCode.BAD_TIME_ZONE);
            if (reading.e164 != null && zoneKnown) {
                String never = openings.neverOpen(reading.zones);
                if (never != null) {
                    found.add(reject(row, CALLEE_TIME_ZONE, RejectCode.NO_CALLING_HOURS, never));
                }
            }
            if (found.isEmpty()) {
                contacts.add(new Contact(row.row(), reading.e164, reading.zones, reading.columns));
            } else {
                rejects.addAll(found);
            }
        }
        int rows = readings.size();
        return new ImportReport(rows, contacts.size(), rows - contacts.size(), duplicates, suppressedRows, contacts, rejects);
    }

    /** Whether a set of zones ever opens in the window, asked once per distinct set (a file has few). */
    private static final class OpeningCache {
        private final ContactRules rules;
        private final Map<List<String>, Optional<String>> answers = new HashMap<>();

        OpeningCache(ContactRules rules) {
            this.rules = rules;
        }

        /** Why the zones never share an open moment, or null when they do. */
        String neverOpen(List<String> zoneNames) {
            CallingWindow window = rules.window();
            if (window.isAnyTime()) {
                return null;
            }
            List<String> key = zoneNames.isEmpty() ? List.of(rules.campaignZone().getId()) : zoneNames;
            return answers.computeIfAbsent(key, zones -> {
                List<ZoneId> ids = zones.stream().map(ZoneId::of).toList();
                return window.nextOpeningIfAny(rules.from(), ids).isPresent() ? Optional.empty() : Optional.of(
                        "the time zones this number may ring in (" + String.join(", ", new TreeSet<>(zones))
                        + ") never share an open moment in the campaign's calling hours (" + window.describe()
                        + "): give calleeTimeZone, the callee's own IANA time zone (such as America/Chicago)");
            }).orElse(null);
        }
    }

    private static Reject reject(CsvRow row, String column, RejectCode code, String message) {
        return new Reject(row.row(), column, code, message);
    }
}
