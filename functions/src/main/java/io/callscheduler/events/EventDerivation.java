package io.callscheduler.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callscheduler.events.StoredItem.StoredCall;
import io.callscheduler.events.StoredItem.StoredCampaign;
import io.callscheduler.events.StoredItem.StoredSuppression;
import io.callscheduler.events.StoredItem.StoredUpload;
import io.callscheduler.model.Call;
import io.callscheduler.model.Campaign;
import io.callscheduler.model.ContactUploadAnswer;
import io.callscheduler.model.ContactUploadRecord;
import io.callscheduler.suppressions.Suppression;
import io.callscheduler.views.CallViews;
import io.callscheduler.views.CampaignViews;
import io.callscheduler.views.SuppressionViews;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * From one write of an item (a stream record's old and new images) to the events it emits: none or one. Pure: the
 * same change always yields the same events, ids and bodies, so a record processed twice is sent as the same message.
 * The rules per kind are in {@link CallEvents}, {@link CampaignEvents} and {@link ContactEvents}.
 */
public final class EventDerivation {
    private EventDerivation() {
    }

    public static List<OutboundEvent> derive(ItemChange change) {
        StoredItem sample = change.after() != null ? change.after() : change.before();
        if (sample instanceof StoredCall) {
            return call(change, call(change.before()), call(change.after()));
        }
        if (sample instanceof StoredCampaign) {
            return campaign(change, campaign(change.before()), campaign(change.after()));
        }
        if (sample instanceof StoredSuppression) {
            return optOut(change, suppression(change.before()), suppression(change.after()));
        }
        return upload(change, upload(change.before()), upload(change.after()));
    }

    private static List<OutboundEvent> call(ItemChange change, Call before, Call after) {
        return emit(change, CallEvents.typeOf(before, after), after == null ? null : after.updatedAt(), () -> {
            ObjectNode data = CallViews.full(after);
            data.put("sequence", after.version());
            return data;
        });
    }

    private static List<OutboundEvent> campaign(ItemChange change, Campaign before, Campaign after) {
        return emit(change, CampaignEvents.typeOf(before, after), after == null ? null : after.updatedAt(), () -> {
            ObjectNode data = CampaignViews.full(after);
            data.put("sequence", after.version());
            data.put("previousState", before.state().name());
            return data;
        });
    }

    private static List<OutboundEvent> optOut(ItemChange change, Suppression before, Suppression after) {
        return emit(change, ContactEvents.optOut(before, after), change.changedAt(),
                () -> SuppressionViews.of(after, change.changedAt()));
    }

    private static List<OutboundEvent> upload(ItemChange change, ContactUploadRecord before, ContactUploadRecord after) {
        return emit(change, ContactEvents.upload(before, after), change.changedAt(), () -> {
            ContactUploadAnswer answer = after.answer();
            // The counts only: the rejects (up to thousands) stay in the upload's own answer.
            return CallViews.MAPPER.createObjectNode().put("campaignId", after.campaignId()).put("rows", answer.rows())
                    .put("accepted", answer.accepted()).put("rejected", answer.rejected())
                    .put("duplicates", answer.duplicates()).put("suppressed", answer.suppressed())
                    .put("imported", answer.imported());
        });
    }

    private static List<OutboundEvent> emit(ItemChange change, Optional<EventType> type, Instant itemTime,
                                            java.util.function.Supplier<ObjectNode> data) {
        if (type.isEmpty()) {
            return List.of();
        }
        Instant timestamp = itemTime != null ? itemTime : change.changedAt();
        String id = WebhookIds.of(change.key(), change.after().revision(), type.get());
        return List.of(new OutboundEvent(id, type.get(), timestamp, data.get()));
    }

    private static Call call(StoredItem item) {
        return item == null ? null : ((StoredCall) item).call();
    }

    private static Campaign campaign(StoredItem item) {
        return item == null ? null : ((StoredCampaign) item).campaign();
    }

    private static Suppression suppression(StoredItem item) {
        return item == null ? null : ((StoredSuppression) item).suppression();
    }

    private static ContactUploadRecord upload(StoredItem item) {
        return item == null ? null : ((StoredUpload) item).upload();
    }
}
