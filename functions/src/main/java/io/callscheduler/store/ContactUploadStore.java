package io.callscheduler.store;

import io.callscheduler.model.ContactUploadRecord;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * What a contacts upload reads and keeps besides the contacts themselves (which {@link CampaignStore#addContacts}
 * writes): the numbers a campaign has already, asked in batches, and the answers of uploads sent with an
 * Idempotency-Key. Failures surface as {@link io.callscheduler.dependencies.DependencyUnavailableException}.
 */
public interface ContactUploadStore {

    /** Those of {@code numbers} (E.164) that the campaign has as contacts already, read in batches. */
    Set<String> numbersIn(String campaignId, Set<String> numbers);

    /** The record of an upload's key on the campaign, if one is live at {@code now}; read consistently. */
    Optional<ContactUploadRecord> findUpload(String campaignId, String key, Instant now);

    /**
     * Writes the record unless a live one holds its key already.
     *
     * @return false when another upload holds the key (nothing written)
     */
    boolean saveUpload(ContactUploadRecord record, Instant now);
}
