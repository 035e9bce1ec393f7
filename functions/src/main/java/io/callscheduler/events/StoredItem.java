package io.callscheduler.events;

import io.callscheduler.model.Call;
import io.callscheduler.model.Campaign;
import io.callscheduler.model.ContactUploadRecord;
import io.callscheduler.suppressions.Suppression;

import java.util.Objects;

/**
 * An item of the table that events are derived from, as one image of a change shows it. Every other kind (pacer
 * windows, counters, idempotency records, contacts...) emits nothing and is never decoded into one of these.
 * {@link #revision} tells one write of the item from another, for the webhook-id ({@link WebhookIds}).
 */
public sealed interface StoredItem {

    /** What distinguishes this write of the item from its others: the same revision means the same change. */
    String revision();

    record StoredCall(Call call) implements StoredItem {
        public StoredCall {
            Objects.requireNonNull(call, "call");
        }

        /** The optimistic-lock version, bumped by every write. */
        @Override
        public String revision() {
            return Long.toString(call.version());
        }
    }

    record StoredCampaign(Campaign campaign) implements StoredItem {
        public StoredCampaign {
            Objects.requireNonNull(campaign, "campaign");
        }

        /** The optimistic-lock version, bumped by every write. */
        @Override
        public String revision() {
            return Long.toString(campaign.version());
        }
    }

    record StoredSuppression(Suppression suppression) implements StoredItem {
        public StoredSuppression {
            Objects.requireNonNull(suppression, "suppression");
        }

        /**
         * A do-not-call entry has no version: an opt-out is told by its evidence, the call and the key pressed (the
         * same press again writes nothing, see {@link io.callscheduler.optout.KeypressOptOuts}).
         */
        @Override
        public String revision() {
            return suppression.callId() + "/" + suppression.digit();
        }
    }

    record StoredUpload(ContactUploadRecord upload) implements StoredItem {
        public StoredUpload {
            Objects.requireNonNull(upload, "upload");
        }

        /** An upload's record is written once per key; a later one under an expired key expires later. */
        @Override
        public String revision() {
            return Long.toString(upload.expiresAt().getEpochSecond());
        }
    }
}
