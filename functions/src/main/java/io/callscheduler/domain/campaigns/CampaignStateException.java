package io.callscheduler.domain.campaigns;

import io.callscheduler.model.CampaignState;

import java.util.Set;
import java.util.TreeSet;

/** The campaign's state does not allow the action (a 409 naming the state). */
public class CampaignStateException extends RuntimeException {
    public CampaignStateException(String id, CampaignState state, String action) {
        super("campaign " + id + " is " + state + " and cannot be " + action + "; only a campaign that is "
                + String.join(" or ", new TreeSet<>(names(CampaignState.from(action)))) + " can be " + action);
    }

    /** A refusal the state alone does not explain (e.g. a start without contacts). */
    public CampaignStateException(String message) {
        super(message);
    }

    private static Set<String> names(Set<CampaignState> states) {
        Set<String> names = new TreeSet<>();
        states.forEach(state -> names.add(state.name()));
        return names;
    }
}
