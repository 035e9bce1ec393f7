package io.callscheduler.campaigns;

/**
 * Starts the campaign runner for one campaign right away (a start, a resume, a stop), rather than at its next
 * minute. Asynchronous: returns once the invocation is queued; failures surface as
 * {@link io.callscheduler.dependencies.DependencyUnavailableException} (the minute's run then does the work).
 */
public interface CampaignRuns {
    /** What a run is for: the resume releases the calls the pause held. */
    enum Reason { START, RESUME, STOP }

    void runSoon(String campaignId, Reason reason);

    /** For tests and deployments without a runner to invoke: the minute's run does the work. */
    CampaignRuns NONE = (campaignId, reason) -> { };
}
