package io.callscheduler.domain.campaigns.progress;

/** What GET /campaigns/{id} adds to a campaign's exact counts: its recent dials a minute and its ETA. */
public record CampaignProgress(DialRate dialRate, CampaignEta.Eta eta) {
}
