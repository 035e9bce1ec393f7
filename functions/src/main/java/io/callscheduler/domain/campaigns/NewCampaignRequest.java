package io.callscheduler.domain.campaigns;

import io.callscheduler.domain.RedialRequest;

/**
 * A campaign as the user sent it (create), or the members to change (edit): raw text, not yet validated; any member
 * may be null (left out: the deployment's default at create, unchanged at an edit).
 */
public record NewCampaignRequest(String name, String message, String twimlUrl, String voice, String language,
                                 String callerId, String callingHours, String callingDays, String maxCallsPerSecond,
                                 String maxConcurrentCalls, RedialRequest redial, String startAt, String endAt,
                                 String optOutDigit) {

    /** A request that leaves {@code optOutDigit} out. */
    public NewCampaignRequest(String name, String message, String twimlUrl, String voice, String language,
                              String callerId, String callingHours, String callingDays, String maxCallsPerSecond,
                              String maxConcurrentCalls, RedialRequest redial, String startAt, String endAt) {
        this(name, message, twimlUrl, voice, language, callerId, callingHours, callingDays, maxCallsPerSecond,
                maxConcurrentCalls, redial, startAt, endAt, null);
    }
}
