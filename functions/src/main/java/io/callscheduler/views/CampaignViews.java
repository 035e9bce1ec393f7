package io.callscheduler.views;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callscheduler.model.CallStatus;
import io.callscheduler.model.Campaign;

import java.time.Instant;

/**
 * The JSON view of a campaign with its exact counts (no dials a minute or ETA, which cost a read each): the API's, and
 * the {@code data} of the campaign events sent to webhooks.
 */
public final class CampaignViews {
    private CampaignViews() {
    }

    /** A campaign with its exact counts (lists: no dials a minute or ETA, which cost a read each). */
    public static ObjectNode full(Campaign campaign) {
        ObjectNode node = CallViews.MAPPER.createObjectNode();
        node.put("id", campaign.id());
        node.put("name", campaign.name());
        node.put("state", campaign.state().name());
        node.put("stopReason", campaign.stopReason());
        node.put("message", campaign.script().message());
        node.put("twimlUrl", campaign.script().twimlUrl());
        node.put("voice", campaign.script().voice());
        node.put("language", campaign.script().language());
        node.put("callerId", campaign.script().callerId());
        // Null: the deployment's OptOutDigit (which may be off).
        node.put("optOutDigit", campaign.script().optOutDigit());
        // Empty: the deployment's own window.
        node.put("callingHours", campaign.callingHours());
        node.put("callingDays", campaign.callingDays());
        node.put("maxCallsPerSecond", campaign.maxCallsPerSecond());
        node.put("maxConcurrentCalls", campaign.maxConcurrentCalls());
        if (campaign.redial() != null) {
            ObjectNode redial = node.putObject("redial");
            var on = redial.putArray("on");
            campaign.redial().on().stream().map(Enum::name).sorted().forEach(on::add);
            redial.put("maxAttempts", campaign.redial().maxAttempts());
            redial.put("afterMinutes", campaign.redial().after().toMillis() / 60_000.0);
        } else {
            node.putNull("redial");
        }
        node.put("startAt", text(campaign.startAt()));
        node.put("endAt", text(campaign.endAt()));
        node.put("createdAt", text(campaign.createdAt()));
        node.put("updatedAt", text(campaign.updatedAt()));
        node.set("progress", progress(campaign));
        return node;
    }

    /**
     * Counts per outcome, exact (each changed in the transaction that changes what it counts): pending is the contacts
     * not drawn yet and the calls waiting to dial (redials included); the rest are the calls' statuses; done is every
     * contact with a final outcome.
     */
    public static ObjectNode progress(Campaign campaign) {
        ObjectNode progress = CallViews.MAPPER.createObjectNode();
        ObjectNode counts = progress.putObject("counts");
        counts.put("pending", campaign.count(Campaign.PENDING) + campaign.count(CallStatus.SCHEDULED));
        counts.put("dialing", campaign.count(CallStatus.DIALING));
        counts.put("inProgress", campaign.count(CallStatus.IN_PROGRESS));
        counts.put("completed", campaign.count(CallStatus.COMPLETED));
        counts.put("busy", campaign.count(CallStatus.BUSY));
        counts.put("noAnswer", campaign.count(CallStatus.NO_ANSWER));
        counts.put("failed", campaign.count(CallStatus.FAILED));
        counts.put("canceled", campaign.count(CallStatus.CANCELED));
        counts.put("suppressed", campaign.count(Campaign.SUPPRESSED));
        long done = 0;
        for (CallStatus status : CallStatus.values()) {
            if (status.isTerminal()) {
                done += campaign.count(status);
            }
        }
        done += campaign.count(Campaign.SUPPRESSED);
        progress.put("total", campaign.contacts());
        progress.put("done", done);
        progress.put("percentDone", campaign.contacts() == 0 ? 0.0
                : Math.floor(1000.0 * done / campaign.contacts()) / 10.0);
        return progress;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
