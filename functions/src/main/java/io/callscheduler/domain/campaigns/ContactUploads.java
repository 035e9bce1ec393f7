package io.callscheduler.domain.campaigns;

import io.callscheduler.callinghours.CallingWindow;
import io.callscheduler.campaigns.contacts.Contact;
import io.callscheduler.campaigns.contacts.ContactImport;
import io.callscheduler.campaigns.contacts.ContactRules;
import io.callscheduler.campaigns.contacts.ImportReport;
import io.callscheduler.campaigns.contacts.NumberLookup;
import io.callscheduler.campaigns.messages.MessageTemplate;
import io.callscheduler.destinations.DestinationGuard;
import io.callscheduler.destinations.WrittenNumbers;
import io.callscheduler.domain.CallingHours;
import io.callscheduler.domain.IdempotencyKeyReusedException;
import io.callscheduler.domain.ValidationException;
import io.callscheduler.model.Campaign;
import io.callscheduler.model.ContactUploadAnswer;
import io.callscheduler.model.ContactUploadRecord;
import io.callscheduler.model.NewContact;
import io.callscheduler.store.CampaignStore;
import io.callscheduler.store.ContactUploadStore;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code POST /campaigns/{id}/contacts}: a contacts file checked against the campaign and the deployment
 * ({@link ContactImport}), and unless it is a dry run its accepted rows added to the campaign. A file refused whole
 * adds nothing. With an Idempotency-Key, the same file sent again within {@link #RETENTION} is answered with the
 * first answer and adds nothing; the same key with another file or other parameters is refused.
 */
public final class ContactUploads {
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    public static final Duration RETENTION = Duration.ofHours(24);
    private static final int MAX_KEY_LENGTH = 255;
    /** The key of an upload sent without one: not printable ASCII, so no client's key can be it. */
    static final String UNKEYED = "\u2205";
    private static final Pattern REGION = Pattern.compile("[A-Za-z]{2}");
    private static final ZoneId CAMPAIGN_ZONE = ZoneOffset.UTC; // the runner's zone for a contact with none of its own

    private final CampaignService campaigns;
    private final ContactUploadStore uploads;
    private final WrittenNumbers numbers;
    private final DestinationGuard destinations;
    private final CallingHours callingHours;
    private final NumberLookup suppressed;
    private final Clock clock;

    /**
     * @param callingHours the deployment's calling hours (a campaign's own window narrows them)
     * @param suppressed   the do-not-call list ({@link NumberLookup#NONE} until there is one)
     */
    public ContactUploads(CampaignService campaigns, ContactUploadStore uploads, WrittenNumbers numbers,
                          DestinationGuard destinations, CallingHours callingHours, NumberLookup suppressed, Clock clock) {
        this.campaigns = Objects.requireNonNull(campaigns, "campaigns");
        this.uploads = Objects.requireNonNull(uploads, "uploads");
        this.numbers = Objects.requireNonNull(numbers, "numbers");
        this.destinations = Objects.requireNonNull(destinations, "destinations");
        this.callingHours = Objects.requireNonNull(callingHours, "callingHours");
        this.suppressed = Objects.requireNonNull(suppressed, "suppressed");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param file           the file's bytes (text/csv)
     * @param dryRun         check only: nothing is added, and the key is neither read nor kept
     * @param defaultRegion  the ISO 3166 region of nationally written numbers, or null
     * @param idempotencyKey the client's key, or null
     */
    public record Upload(String campaignId, byte[] file, boolean dryRun, String defaultRegion, String idempotencyKey) {
    }

    /** The answer, and whether it is an earlier upload's, given again. */
    public record Answered(ContactUploadAnswer answer, boolean replayed) {
    }

    /**
     * @throws CampaignNotFoundException   for an unknown campaign
     * @throws ValidationException         naming the parameter; {@link io.callscheduler.csv.CsvFileException} for a
     *                                     file refused whole (nothing added then)
     * @throws CampaignStateException      when adding to a campaign that is over
     * @throws IdempotencyKeyReusedException when the key came with another file or other parameters
     */
    public Answered upload(Upload upload) {
        Instant now = clock.instant();
        Campaign campaign = campaigns.get(upload.campaignId());
        String region = region(upload.defaultRegion());
        String key = upload.dryRun() || upload.idempotencyKey() == null ? null : validKey(upload.idempotencyKey());
        String fingerprint = key == null ? null : fingerprint(region, upload.file());
        if (key != null) {
            Answered earlier = replay(campaign.id(), key, fingerprint, now);
            if (earlier != null) {
                return earlier;
            }
        }
        ImportReport report = ContactImport.validate(upload.file(), rulesFor(campaign, region, now));
        if (upload.dryRun()) {
            return new Answered(answer(report, true, 0), false);
        }
        List<NewContact> contacts = report.contacts().stream()
                .map((Contact c) -> new NewContact(c.phoneNumber(), c.columns())).toList();
        CampaignStore.Added added = campaigns.addContacts(campaign.id(), contacts); // a campaign over: refused here
        ContactUploadAnswer answer = answer(report, false, added.added());
        if (key == null) {
            // Kept all the same, under a key no client can send and without its rejects (never replayed): its write
            // is the upload's end that the table's stream turns into import.completed (DESIGN_DECISIONS, "[derivation]").
            uploads.saveUpload(new ContactUploadRecord(campaign.id(), UNKEYED + UUID.randomUUID(),
                    fingerprint(region, upload.file()), answer.withoutRejects(), now.plus(RETENTION)), now);
        } else if (!uploads.saveUpload(new ContactUploadRecord(campaign.id(), key, fingerprint, answer,
                now.plus(RETENTION)), now)) {
            // A concurrent upload with the key kept its answer first; the contacts are one per number, so this one
            // added only what that one had not.
            Answered earlier = replay(campaign.id(), key, fingerprint, now);
            if (earlier != null) {
                return earlier;
            }
        }
        return new Answered(answer, false);
    }

    /** The campaign's window within the deployment's, applied from its start (or now), its message's fields. */
    ContactRules rulesFor(Campaign campaign, String region, Instant now) {
        CallingWindow own = CallingWindow.parse(campaign.callingHours(), campaign.callingDays());
        CallingHours hours = own.isAnyTime() ? callingHours : callingHours.withWindow(callingHours.window().narrow(own));
        Instant from = campaign.startAt() != null && campaign.startAt().isAfter(now) ? campaign.startAt() : now;
        String message = campaign.script().message();
        return ContactRules.open(numbers, number -> hours.calleeZones(number, null).stream().map(ZoneId::of).toList(), from)
                .withDefaultRegion(region)
                .withDestinations(destinations)
                .withWindow(hours.window(), CAMPAIGN_ZONE)
                .withSuppressed(suppressed)
                // A campaign with no contacts when read has none to find (its first upload: no read of 10,000 keys);
                // a number a concurrent upload adds meanwhile is still refused by the write's condition, not added twice.
                .withInCampaign(numbersIn -> campaign.contacts() == 0 ? Set.of() : uploads.numbersIn(campaign.id(), numbersIn))
                .withMessage(message == null ? null : MessageTemplate.parse(message));
    }

    private Answered replay(String campaignId, String key, String fingerprint, Instant now) {
        ContactUploadRecord record = uploads.findUpload(campaignId, key, now).orElse(null);
        if (record == null) {
            return null;
        }
        if (!record.requestFingerprint().equals(fingerprint)) {
            throw new IdempotencyKeyReusedException("this Idempotency-Key was used within the last 24 hours to upload"
                    + " another file (or the same with another defaultRegion) to this campaign; use a new key for a new upload");
        }
        return new Answered(record.answer(), true);
    }

    private static ContactUploadAnswer answer(ImportReport report, boolean dryRun, int imported) {
        return new ContactUploadAnswer(dryRun, report.rows(), report.accepted(), report.rejected(), report.duplicates(),
                report.suppressed(), imported, report.rejects(), false);
    }

    /** Two letters, upper-cased; whether libphonenumber knows the region is ContactImport's check. */
    private static String region(String given) {
        if (given == null || given.isBlank()) {
            return null;
        }
        String region = given.strip();
        if (!REGION.matcher(region).matches()) {
            throw new ValidationException("defaultRegion", "INVALID_REGION", "defaultRegion '" + abbreviate(region)
                    + "' is not a region: give the two-letter ISO 3166 code the nationally written numbers are in,"
                    + " such as US or GB");
        }
        return region.toUpperCase(Locale.ROOT);
    }

    private static String validKey(String key) {
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
            throw new ValidationException(IDEMPOTENCY_KEY, "INVALID_IDEMPOTENCY_KEY", IDEMPOTENCY_KEY + " must be 1 to "
                    + MAX_KEY_LENGTH + " printable ASCII characters (a UUID is a good choice)");
        }
        return key;
    }

    /** The request as sent: the same file with the same defaultRegion gives the same fingerprint. */
    private static String fingerprint(String region, byte[] file) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(("contacts-upload/1\u0000" + (region == null ? "\u0001" : region) + "\u0000")
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(file));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 20 ? text.substring(0, 20) + "…" : text;
    }
}
