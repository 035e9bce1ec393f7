package io.callscheduler.domain.campaigns;

/** No campaign has the id asked for. */
public class CampaignNotFoundException extends RuntimeException {
    public CampaignNotFoundException(String id) {
        super("no campaign with id '" + id + "'");
    }
}
