package io.callscheduler.events.dynamodb;

import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import io.callscheduler.events.ItemChange;
import io.callscheduler.events.StoredItem;
import io.callscheduler.store.dynamodb.CallsTable;
import io.callscheduler.store.dynamodb.ItemImages;
import io.callscheduler.suppressions.dynamodb.SuppressionItems;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A DynamoDB stream record of the calls table (NEW_AND_OLD_IMAGES, as the Lambda event library types it) decoded into
 * an {@link ItemChange} of the item kinds that emit events: calls, campaigns, do-not-call entries, contact uploads'
 * records. The images are read by the stores' own mappers ({@link ItemImages}, {@link SuppressionItems}), so an
 * item's shape has one owner; any other kind (pacer windows, counters, idempotency records, contacts, cursors) decodes
 * to nothing.
 */
public final class StreamImages {
    private StreamImages() {
    }

    /**
     * @param receivedAt the time of the change when the record does not say (its approximate creation time is the
     *                   change's time on AWS, the same on every redelivery)
     */
    public static Optional<ItemChange> change(StreamRecord record, Instant receivedAt) {
        var key = record.getKeys() == null ? null : record.getKeys().get(CallsTable.ID);
        if (key == null || key.getS() == null) {
            return Optional.empty();
        }
        StoredItem before = item(record.getOldImage()).orElse(null);
        StoredItem after = item(record.getNewImage()).orElse(null);
        if (before == null && after == null) {
            return Optional.empty();
        }
        Instant changedAt = record.getApproximateCreationDateTime() != null
                ? record.getApproximateCreationDateTime().toInstant() : receivedAt;
        return Optional.of(new ItemChange(key.getS(), before, after, changedAt));
    }

    /** One image as the stored item it is; empty for the kinds that emit nothing, and for no image. */
    public static Optional<StoredItem> item(Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image) {
        if (image == null || image.isEmpty()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = sdk(image);
        Optional<StoredItem> found = ItemImages.call(item).map(StoredItem.StoredCall::new);
        if (found.isEmpty()) {
            found = ItemImages.campaign(item).map(StoredItem.StoredCampaign::new);
        }
        if (found.isEmpty()) {
            found = ItemImages.upload(item).map(StoredItem.StoredUpload::new);
        }
        if (found.isEmpty()) {
            found = SuppressionItems.image(item).map(StoredItem.StoredSuppression::new);
        }
        return found;
    }

    /** The Lambda event library's attribute values as the SDK's, which the store's mappers read. */
    static Map<String, AttributeValue> sdk(Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        image.forEach((name, value) -> item.put(name, sdk(value)));
        return item;
    }

    static AttributeValue sdk(com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue value) {
        if (value.getS() != null) {
            return AttributeValue.fromS(value.getS());
        }
        if (value.getN() != null) {
            return AttributeValue.fromN(value.getN());
        }
        if (value.getB() != null) {
            return AttributeValue.fromB(SdkBytes.fromByteBuffer(value.getB().asReadOnlyBuffer()));
        }
        if (value.getBOOL() != null) {
            return AttributeValue.fromBool(value.getBOOL());
        }
        if (value.getNULL() != null) {
            return AttributeValue.fromNul(value.getNULL());
        }
        if (value.getM() != null) {
            return AttributeValue.fromM(sdk(value.getM()));
        }
        if (value.getL() != null) {
            return AttributeValue.fromL(value.getL().stream().map(StreamImages::sdk).toList());
        }
        if (value.getSS() != null) {
            return AttributeValue.fromSs(List.copyOf(value.getSS()));
        }
        if (value.getNS() != null) {
            return AttributeValue.fromNs(List.copyOf(value.getNS()));
        }
        if (value.getBS() != null) {
            return AttributeValue.fromBs(value.getBS().stream().map(b -> SdkBytes.fromByteBuffer(b.asReadOnlyBuffer())).toList());
        }
        throw new IllegalArgumentException("an attribute value of no type DynamoDB has");
    }
}
