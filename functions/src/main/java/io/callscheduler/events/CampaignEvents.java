package io.callscheduler.events;

import io.callscheduler.model.Campaign;
import io.callscheduler.model.CampaignState;

import java.util.Optional;

/**
 * Which event a write of a campaign emits: only a change of state does. RUNNING is {@code campaign.started}, from
 * DRAFT (start) and from PAUSED (resume) alike, the payload's {@code previousState} telling which; PAUSED is
 * {@code campaign.paused}; COMPLETED {@code campaign.completed}. A campaign created (DRAFT) or STOPPED emits none
 * (the list has no such event: a stop's calls each tell their {@code call.canceled}); counts, pacing and edits none.
 */
final class CampaignEvents {
    private CampaignEvents() {
    }

    static Optional<EventType> typeOf(Campaign before, Campaign after) {
        if (before == null || after == null || before.state() == after.state()) {
            return Optional.empty();
        }
        return Optional.ofNullable(switch (after.state()) {
            case RUNNING -> EventType.CAMPAIGN_STARTED;
            case PAUSED -> EventType.CAMPAIGN_PAUSED;
            case COMPLETED -> EventType.CAMPAIGN_COMPLETED;
            case DRAFT, STOPPED -> null;
        });
    }

    static boolean isResume(Campaign before) {
        return before != null && before.state() == CampaignState.PAUSED;
    }
}
