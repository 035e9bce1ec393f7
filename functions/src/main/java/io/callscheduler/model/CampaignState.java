package io.callscheduler.model;

import java.util.Set;

/**
 * The life of a campaign: {@code DRAFT → RUNNING ⇄ PAUSED → STOPPED | COMPLETED}. Only a RUNNING campaign's contacts
 * are drawn into calls; a PAUSED campaign's calls wait; a STOPPED campaign's remaining contacts and not-yet-dialed
 * calls end CANCELED; a campaign with no pending contact and no call left to end becomes COMPLETED.
 */
public enum CampaignState {
    DRAFT, RUNNING, PAUSED, STOPPED, COMPLETED;

    /** The states an action may start from: start, pause, resume, stop. */
    public static Set<CampaignState> from(String action) {
        return switch (action) {
            case "started" -> Set.of(DRAFT);
            case "paused" -> Set.of(RUNNING);
            case "resumed" -> Set.of(PAUSED);
            case "stopped" -> Set.of(DRAFT, RUNNING, PAUSED);
            case "edited" -> Set.of(DRAFT, RUNNING, PAUSED);
            default -> throw new IllegalArgumentException("no campaign action " + action);
        };
    }

    public boolean isOver() {
        return this == STOPPED || this == COMPLETED;
    }
}
