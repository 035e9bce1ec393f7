package io.callscheduler.store.dynamodb;

import io.callscheduler.model.Call;
import io.callscheduler.model.Campaign;
import io.callscheduler.model.ContactUploadRecord;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;
import java.util.Optional;

/**
 * Reads a whole item of the table (an image, as a stream record carries it) back into the domain object it stores,
 * with the store's own mappers, for the kinds that have one: calls, campaigns, contact uploads' records. Every other
 * kind (and a call's image that is not one) reads as empty. The kinds are told by their ids ({@link CallsTable}).
 */
public final class ItemImages {
    private static final String CAMPAIGN_PREFIX = CallsTable.campaign("");
    /** {@code campaign-import#}: the id of a record with no campaign and no key, less the separator between them. */
    private static final String UPLOAD_PREFIX = CallsTable.campaignImport("", "").substring(0, CallsTable.campaignImport("", "").length() - 1);

    private ItemImages() {
    }

    /** A call's item: its id a bare UUID (every other kind's id has a {@code kind#} prefix) with a call's attributes. */
    public static Optional<Call> call(Map<String, AttributeValue> item) {
        String id = id(item);
        boolean isCall = id != null && id.indexOf('#') < 0 && item.containsKey("phoneNumber")
                && item.containsKey(CallItems.STATUS) && item.containsKey(CallItems.VERSION);
        return isCall ? Optional.of(CallItems.fromItem(item)) : Optional.empty();
    }

    /** A call's whole item, for an adapter that writes a call in its own transaction (a series' roll). */
    public static Map<String, AttributeValue> callItem(Call call) {
        return CallItems.toItem(call);
    }

    public static Optional<Campaign> campaign(Map<String, AttributeValue> item) {
        String id = id(item);
        return id != null && id.startsWith(CAMPAIGN_PREFIX) && item.containsKey(CampaignItems.STATE)
                ? Optional.of(CampaignItems.fromItem(item)) : Optional.empty();
    }

    /** An upload's record, its id {@code campaign-import#<campaign UUID>#<key>} (the key may hold '#'). */
    public static Optional<ContactUploadRecord> upload(Map<String, AttributeValue> item) {
        String id = id(item);
        if (id == null || !id.startsWith(UPLOAD_PREFIX)) {
            return Optional.empty();
        }
        String rest = id.substring(UPLOAD_PREFIX.length());
        int split = rest.indexOf('#');
        return split < 0 ? Optional.empty()
                : Optional.of(DynamoDbContactUploadStore.fromItem(rest.substring(0, split), rest.substring(split + 1), item));
    }

    private static String id(Map<String, AttributeValue> item) {
        AttributeValue id = item == null ? null : item.get(CallsTable.ID);
        return id == null ? null : id.s();
    }
}
