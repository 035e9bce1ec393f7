package io.callscheduler.campaigns.results;

import io.callscheduler.domain.ValidationException;
import io.callscheduler.domain.campaigns.CampaignNotFoundException;
import io.callscheduler.model.Call;
import io.callscheduler.model.Campaign;
import io.callscheduler.model.Contact;
import io.callscheduler.store.CampaignResultsReader;
import io.callscheduler.store.CampaignStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A campaign's results CSV, one page per request ({@code GET /campaigns/{id}/results.csv}): the contacts in the
 * campaign's order, read a window at a time with their calls, written row by row into the page until it has
 * {@code limit} rows or its byte budget is spent. The page's token names the last contact written (its sequence) and how
 * many of the campaign's columns the first page's header named, so that every page has the same columns and pages
 * concatenated make one file; a column that contacts added later bring is left out of a download already begun.
 */
public final class ResultsExport {
    public static final int MAX_ROWS = 5_000;
    /** Contacts read at a time, with their calls: besides the page, all that is held. */
    static final int WINDOW = 500;
    /** Reads of a window again when a sequence is missing (a contact caught moving in the index). */
    private static final int REREADS = 2;
    private static final Pattern TOKEN = Pattern.compile("r1\\.(\\d{1,15})\\.(\\d{1,6})");

    private final CampaignStore campaigns;
    private final CampaignResultsReader reader;

    public ResultsExport(CampaignStore campaigns, CampaignResultsReader reader) {
        this.campaigns = Objects.requireNonNull(campaigns, "campaigns");
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    /** What a page holds: its rows, and the token of the next page (null on the last). */
    public record Written(Campaign campaign, int rows, String nextToken) {
    }

    /**
     * Writes one page into {@code body}.
     *
     * @param limit     rows at most, 1 to {@value #MAX_ROWS}; null for {@value #MAX_ROWS}
     * @param nextToken the previous page's token; null or empty for the first page (with the header row)
     * @throws ValidationException       naming {@code limit} or {@code nextToken}
     * @throws CampaignNotFoundException for an unknown campaign
     */
    public Written write(String campaignId, String limit, String nextToken, PageBody body) {
        int rowsAtMost = rows(limit);
        Cursor cursor = nextToken == null || nextToken.isEmpty() ? null : Cursor.parse(nextToken);
        Campaign campaign = campaigns.find(campaignId).orElseThrow(() -> new CampaignNotFoundException(campaignId));
        List<String> columns = reader.contactColumns(campaignId);
        long total = campaign.contacts();
        if (cursor != null && (cursor.columns > columns.size() || cursor.after > total)) {
            throw invalidToken("it is not one of this campaign's pages");
        }
        try {
            List<String> named = cursor == null ? columns : columns.subList(0, cursor.columns);
            ResultsCsvWriter csv = new ResultsCsvWriter(body, named, cursor == null);
            long last = cursor == null ? 0 : cursor.after;
            long end = Math.min(total, last + rowsAtMost);
            int rows = 0;
            while (last < end) {
                long to = Math.min(end, last + WINDOW);
                List<Contact> contacts = window(campaignId, last + 1, to);
                Map<String, Call> calls = reader.calls(contacts.stream().map(Contact::callId)
                        .filter(Objects::nonNull).toList());
                for (Contact contact : contacts) {
                    PageBody.Mark mark = body.mark();
                    csv.write(ResultRows.of(campaign, contact, contact.callId() == null ? null : calls.get(contact.callId())));
                    if (body.overBudget() && rows > 0) {
                        body.reset(mark);
                        return new Written(campaign, rows, new Cursor(last, named.size()).token());
                    }
                    rows++;
                    last = contact.sequence();
                }
                last = to;
            }
            return new Written(campaign, rows, last < total ? new Cursor(last, named.size()).token() : null);
        } catch (IOException e) {
            throw new UncheckedIOException("a page is written to memory, which does not fail", e);
        }
    }

    /** The window's contacts, read again while some sequence is missing from it (at most {@value #REREADS} times). */
    private List<Contact> window(String campaignId, long from, long to) {
        List<Contact> contacts = reader.contacts(campaignId, from, to);
        for (int again = 0; again < REREADS && contacts.size() < to - from + 1; again++) {
            List<Contact> reread = reader.contacts(campaignId, from, to);
            contacts = reread.size() > contacts.size() ? reread : contacts;
        }
        return contacts;
    }

    private static int rows(String limit) {
        if (limit == null) {
            return MAX_ROWS;
        }
        int rows;
        try {
            rows = Integer.parseInt(limit.strip());
        } catch (NumberFormatException e) {
            rows = -1;
        }
        if (rows < 1 || rows > MAX_ROWS) {
            throw new ValidationException("limit", "INVALID_LIMIT", "limit must be a whole number from 1 to " + MAX_ROWS);
        }
        return rows;
    }

    private static ValidationException invalidToken(String why) {
        return new ValidationException("nextToken", "INVALID_TOKEN", "nextToken is not valid here: " + why
                + "; start again without it");
    }

    /** Where a page starts: after the contact numbered {@code after}, with the first {@code columns} contact columns. */
    private record Cursor(long after, int columns) {
        String token() {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(("r1." + after + "." + columns)
                    .getBytes(StandardCharsets.US_ASCII));
        }

        static Cursor parse(String token) {
            String text;
            try {
                text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.ISO_8859_1);
            } catch (IllegalArgumentException e) {
                throw invalidToken("it is not a token this API gave");
            }
            Matcher matcher = TOKEN.matcher(text);
            if (!matcher.matches()) {
                throw invalidToken("it is not a token this API gave");
            }
            return new Cursor(Long.parseLong(matcher.group(1)), Integer.parseInt(matcher.group(2)));
        }
    }
}
