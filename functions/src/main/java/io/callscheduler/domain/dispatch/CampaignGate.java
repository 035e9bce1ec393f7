package io.callscheduler.domain.dispatch;

import io.callscheduler.callinghours.CallingWindow;
import io.callscheduler.metrics.CallMetrics;
import io.callscheduler.model.Call;
import io.callscheduler.model.CallStatus;
import io.callscheduler.model.Campaign;
import io.callscheduler.model.WaitingFor;
import io.callscheduler.store.CampaignStore;
import io.callscheduler.store.ConcurrentUpdateException;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * A campaign's call dials only while its campaign lets it: the campaign is read (consistently) as the call arrives,
 * before it takes a line or a dial slot (a held call ties up neither), and again right before the claim, so that no
 * call starts dialing later than a claim lead after a pause is answered. PAUSED: the call waits
 * ({@link WaitingFor#CAMPAIGN_PAUSED}) until the resume gives it a slot, or asks again {@link #PAUSE_RECHECK} later.
 * STOPPED, or past the campaign's endAt: it ends CANCELED with the reason. Then the campaign's own calling window (inside the deployment's) and its
 * share of the lines ({@code maxConcurrentCalls}, from its exact counts; two dispatches of the same moment may both
 * see the last free one: the deployment's lines still hold exactly).
 */
final class CampaignGate implements DispatchStep {
    /** A held call asks again this long after, should the resume's release of it be lost. */
    static final Duration PAUSE_RECHECK = Duration.ofMinutes(5);
    private static final Duration LINE_RECHECK = Duration.ofSeconds(30);
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);
    private final Steps steps;
    private final CampaignStore campaigns;

    CampaignGate(Steps steps, CampaignStore campaigns) {
        this.steps = steps;
        this.campaigns = campaigns;
    }

    @Override
    public DispatchOutcome apply(Dial dial) {
        Call call = dial.call;
        if (call.campaignId() == null || campaigns == null) {
            return GO_ON;
        }
        Campaign campaign = campaigns.find(call.campaignId()).orElse(null);
        if (campaign == null) {
            return GO_ON;
        }
        Instant now = steps.clock().instant();
        switch (campaign.state()) {
            case PAUSED:
                return steps.parking().park(dial, WaitingFor.CAMPAIGN_PAUSED, now.plus(PAUSE_RECHECK),
                        "campaign paused: waiting for it to resume", DispatchOutcome.HELD);
            case STOPPED:
                return cancel(dial, "not dialed: campaign " + (campaign.stopReason() == null ? "stopped" : campaign.stopReason()));
            default:
                break;
        }
        if (campaign.endAt() != null && !now.isBefore(campaign.endAt())) {
            return cancel(dial, "not dialed: the campaign ended at " + campaign.endAt() + " (endAt)");
        }
        CallingWindow window = CallingWindow.parse(campaign.callingHours(), campaign.callingDays());
        Instant moment = call.dueAt().isAfter(now) ? call.dueAt() : now;
        List<ZoneId> zones = call.callingZones();
        if (!window.isAnyTime() && !window.allows(moment, zones)) {
            Instant opening = window.nextOpeningIfAny(moment, zones).orElse(null);
            if (opening == null) {
                // A window narrowed after the call was drawn, or zones that never share an open moment: never dialed.
                return steps.refusals().refuse(dial, call.fail(now, "not dialed: the campaign's calling hours ("
                        + window.describe() + ") never open in " + zones), CallMetrics.FailureReason.NEVER_OPEN);
            }
            return steps.parking().park(dial, WaitingFor.CALLING_HOURS, opening, "waiting for the campaign's calling "
                    + "hours (" + window.describe() + "): " + LOCAL.format(opening.atZone(zones.get(0))) + " in "
                    + zones.get(0), DispatchOutcome.DEFERRED);
        }
        long busy = campaign.count(CallStatus.DIALING) + campaign.count(CallStatus.IN_PROGRESS);
        if (campaign.maxConcurrentCalls() > 0 && busy >= campaign.maxConcurrentCalls()) {
            return steps.parking().park(dial, WaitingFor.LINE, now.plus(LINE_RECHECK), "the campaign's "
                    + campaign.maxConcurrentCalls() + " lines are busy (maxConcurrentCalls): waiting for one",
                    DispatchOutcome.LINES_BUSY);
        }
        return GO_ON;
    }

    private DispatchOutcome cancel(Dial dial, String reason) {
        try {
            dial.call = steps.store().replace(dial.call, dial.call.moveTo(CallStatus.CANCELED, steps.clock().instant(),
                    reason).withLastError(reason));
            return DispatchOutcome.CANCELED;
        } catch (ConcurrentUpdateException movedOn) {
            return DispatchOutcome.NOT_PENDING;
        }
    }
}
