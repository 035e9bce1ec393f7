package io.callscheduler.domain.campaigns;

import io.callscheduler.campaigns.messages.MessageTemplate;
import io.callscheduler.campaigns.CampaignRuns;
import io.callscheduler.callinghours.CallingWindow;
import io.callscheduler.dependencies.DependencyUnavailableException;
import io.callscheduler.domain.CallRules;
import io.callscheduler.domain.CallScripts;
import io.callscheduler.domain.CallingHours;
import io.callscheduler.domain.Calls;
import io.callscheduler.domain.DialTriggers;
import io.callscheduler.domain.ValidationException;
import io.callscheduler.model.Call;
import io.callscheduler.model.CallScript;
import io.callscheduler.model.CallStatus;
import io.callscheduler.model.Campaign;
import io.callscheduler.model.CampaignState;
import io.callscheduler.model.Contact;
import io.callscheduler.model.WaitingFor;
import io.callscheduler.store.CallStore;
import io.callscheduler.store.CampaignStore;
import io.callscheduler.store.ConcurrentUpdateException;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Turns a running campaign's contacts into ordinary calls at the campaign's pace, a little more than a minute ahead:
 * the slots are spaced {@code 1/maxCallsPerSecond} apart from where the last run left off, reserved by one conditional
 * write (two runners never share a slot), and each contact becomes its call in one transaction that also marks it
 * (a runner that dies and runs again never makes a second call). Each call is then scheduled like any other
 * ({@link DialTriggers}: a schedule, or dispatch at once when due within seconds; the status sync's sweep if both fail).
 * It also releases the calls a pause held (on resume), cancels what a stop leaves, stops a campaign past its endAt, and
 * marks COMPLETED a campaign with nothing pending and no call left to end.
 */
public final class CampaignRunner {
    private static final System.Logger LOG = System.getLogger(CampaignRunner.class.getName());
    /** How far ahead a run draws: a minute (the next run) plus a margin for a late run. */
    public static final Duration HORIZON = Duration.ofSeconds(70);
    /**
     * How far from now a run's first slot is, when it starts afresh: the run reads and checks its contacts before its
     * first call exists, and a call created past its moment dials at once, beside the next one on time (measured:
     * four dials in the first 200 ms of a campaign at 5 a second).
     */
    static final Duration FIRST_SLOT_LEAD = Duration.ofSeconds(2);
    /** Contacts one campaign may draw in one run (at 10 calls a second, the horizon's worth). */
    public static final int MAX_DRAW = 700;
    /** Pending contacts read a run to find those whose calling hours are open (others are passed over, for now). */
    static final int MAX_READ = 2_100;
    /** What one run cancels of a stopped campaign; the rest the next runs. */
    static final int MAX_CANCEL = 5000;
    static final int MAX_HELD = 1000;

    private final CampaignStore campaigns;
    private final CallStore calls;
    private final DialTriggers triggers;
    private final CallingHours callingHours;
    private final Clock clock;

    public CampaignRunner(CampaignStore campaigns, CallStore calls, DialTriggers triggers, CallingHours callingHours,
                          Clock clock) {
        this.campaigns = Objects.requireNonNull(campaigns, "campaigns");
        this.calls = Objects.requireNonNull(calls, "calls");
        this.triggers = Objects.requireNonNull(triggers, "triggers");
        this.callingHours = Objects.requireNonNull(callingHours, "callingHours");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What a run did, for its log line and tests. */
    public record Report(int campaigns, int drawn, int released, int canceled, int completed) {
        Report plus(Report other) {
            return new Report(campaigns + other.campaigns, drawn + other.drawn, released + other.released,
                    canceled + other.canceled, completed + other.completed);
        }
    }

    /** Every campaign with work: the minute's run. */
    public Report runAll() {
        Report report = new Report(0, 0, 0, 0, 0);
        for (Campaign campaign : campaigns.withWork()) {
            try {
                report = report.plus(run(campaign, null));
            } catch (RuntimeException e) {
                // One campaign's failure must not hold the others up; its next run tries again.
                LOG.log(System.Logger.Level.WARNING, "campaign " + campaign.id() + ": run failed: " + e, e);
            }
        }
        return report;
    }

    /** One campaign, at once (a start, a resume, a stop). */
    public Report run(String campaignId, CampaignRuns.Reason reason) {
        Campaign campaign = campaigns.find(campaignId).orElse(null);
        return campaign == null ? new Report(0, 0, 0, 0, 0) : run(campaign, reason);
    }

    private Report run(Campaign campaign, CampaignRuns.Reason reason) {
        Instant now = clock.instant();
        if (campaign.state() == CampaignState.RUNNING && campaign.endAt() != null && !now.isBefore(campaign.endAt())) {
            campaign = stopAtEnd(campaign, now);
        }
        if (campaign.state() == CampaignState.STOPPED) {
            return new Report(1, 0, 0, cancelRemaining(campaign, now), 0);
        }
        if (campaign.state() != CampaignState.RUNNING || (campaign.startAt() != null && now.isBefore(campaign.startAt()))) {
            return new Report(1, 0, 0, 0, 0);
        }
        int released = reason == CampaignRuns.Reason.RESUME ? releaseHeld(campaign, now) : 0;
        int drawn = draw(campaigns.find(campaign.id()).orElse(campaign), now);
        int completed = drawn == 0 && completeIfDone(campaign.id(), now) ? 1 : 0;
        return new Report(1, drawn, released, 0, completed);
    }

    /**
     * Draws the contacts for the slots from where the last run stopped to the horizon (never past endAt), one call
     * each, in order, skipping (for now) those whose calling hours are closed at the slot they would get: a closed
     * window leaves contacts pending rather than piling calls up to ring all at once when it opens.
     */
    private int draw(Campaign campaign, Instant now) {
        Duration interval = interval(campaign);
        Instant earliest = now.plus(FIRST_SLOT_LEAD);
        Instant from = campaign.nextSlotAt() == null || campaign.nextSlotAt().isBefore(earliest) ? earliest : campaign.nextSlotAt();
        Instant until = now.plus(HORIZON);
        if (campaign.endAt() != null && campaign.endAt().isBefore(until)) {
            until = campaign.endAt();
        }
        if (!from.isBefore(until)) {
            return 0;
        }
        long slots = Math.min(MAX_DRAW, Duration.between(from, until).toNanos() / interval.toNanos() + 1);
        CallingHours hours = hoursOf(campaign);
        List<Contact> open = new ArrayList<>();
        List<Call> calls = new ArrayList<>();
        for (Contact contact : campaigns.pendingContacts(campaign.id(), (int) Math.min(MAX_READ, slots * 3))) {
            if (open.size() == slots) {
                break;
            }
            // The call as it would be drawn, checked in the zones dispatch will check it in.
            Call call = callFor(campaign, contact, from.plus(interval.multipliedBy(open.size())), now);
            if (hours.allows(call.scheduledAt(), call.callingZones())) {
                open.add(contact);
                calls.add(call);
            }
        }
        if (open.isEmpty() || !campaigns.reserveSlots(campaign.id(), campaign.nextSlotAt(),
                from.plus(interval.multipliedBy(open.size())))) {
            return 0; // nothing to draw now, or another runner is drawing this campaign's slots
        }
        int drawn = 0;
        for (int i = 0; i < open.size(); i++) {
            CampaignStore.Drawn result = campaigns.draw(open.get(i), calls.get(i));
            if (result == CampaignStore.Drawn.NOT_RUNNING) {
                break; // paused or stopped meanwhile: the rest stay pending
            }
            if (result == CampaignStore.Drawn.DRAWN) {
                drawn++;
                triggers.arrangeOrLeaveToSweep(calls.get(i), "campaign");
            }
        }
        return drawn;
    }

    /** The campaign's message with the contact's {{fields}}, cut to a call's longest message; null for none. */
    private static String filledMessage(String message, Map<String, String> columns) {
        if (message == null) {
            return null;
        }
        String filled = MessageTemplate.parse(message).render(columns);
        return filled.length() > CallScripts.MAX_MESSAGE ? filled.substring(0, CallScripts.MAX_MESSAGE) : filled;
    }

    /** The contact's call: its id derived from campaign and number, so that no contact can ever have two. */
    Call callFor(Campaign campaign, Contact contact, Instant at, Instant now) {
        String id = UUID.nameUUIDFromBytes(("campaign:" + campaign.id() + ":" + contact.phoneNumber())
                .getBytes(StandardCharsets.UTF_8)).toString();
        CallScript script = campaign.script();
        CallScript filled = new CallScript(script.callerId(), filledMessage(script.message(), contact.columns()), script.voice(), script.language(), script.twimlUrl(), script.optOutDigit());
        String zone = zone(contact.column("calleeTimeZone"));
        List<String> zones;
        try {
            zones = hoursOf(campaign).calleeZones(contact.phoneNumber(), contact.column("calleeTimeZone"));
        } catch (ValidationException e) {
            zones = List.of(); // the import checks the zone; an unreadable one falls back to the number's
        }
        Call call = Call.newScheduled(id, contact.phoneNumber(), cut(contact.column("contactName"), CallRules.MAX_CONTACT_NAME),
                cut(contact.column("notes"), CallRules.MAX_NOTES), at, zone, zones, filled, now)
                .note(now, "from campaign " + campaign.id() + " (contact " + contact.sequence() + ")")
                .withCampaignId(campaign.id());
        return campaign.redial() == null ? call : call.withRedial(campaign.redial());
    }

    /**
     * The calls the pause held get new slots at the campaign's pace from now, and a trigger each: they do not all dial
     * at once on the resume.
     */
    private int releaseHeld(Campaign campaign, Instant now) {
        List<Call> held = campaigns.waitingCalls(campaign.id(), MAX_HELD).stream()
                .filter(call -> call.waitingFor() == WaitingFor.CAMPAIGN_PAUSED).toList();
        if (held.isEmpty()) {
            return 0;
        }
        Duration interval = interval(campaign);
        Instant from = campaign.nextSlotAt() == null || campaign.nextSlotAt().isBefore(now) ? now : campaign.nextSlotAt();
        if (!campaigns.reserveSlots(campaign.id(), campaign.nextSlotAt(), from.plus(interval.multipliedBy(held.size())))) {
            return 0; // another runner is releasing them
        }
        int released = 0;
        for (int i = 0; i < held.size(); i++) {
            Instant at = from.plus(interval.multipliedBy(i));
            Call written = Calls.update(calls, held.get(i).id(), current ->
                    current.status() == CallStatus.SCHEDULED && current.waitingFor() == WaitingFor.CAMPAIGN_PAUSED
                            ? current.waitFor(WaitingFor.CAMPAIGN_PAUSED, at, now, "campaign resumed: dials at " + at)
                            : current).orElse(null);
            if (written != null && written.waitingFor() == WaitingFor.CAMPAIGN_PAUSED && at.equals(written.nextAttemptAt())) {
                triggers.arrangeOrLeaveToSweep(written, "campaign");
                released++;
            }
        }
        return released;
    }

    /** A stopped campaign's pending contacts and not-yet-dialed calls end CANCELED; calls ringing finish. */
    private int cancelRemaining(Campaign campaign, Instant now) {
        int canceled = campaigns.cancelPending(campaign.id(), MAX_CANCEL);
        String reason = "not dialed: campaign " + (campaign.stopReason() == null ? "stopped" : campaign.stopReason());
        for (Call waiting : campaigns.waitingCalls(campaign.id(), MAX_CANCEL)) {
            try {
                Calls.Modified modified = Calls.modify(calls, waiting.id(), current ->
                        current.status() == CallStatus.SCHEDULED && !current.requestUnconfirmed()
                                ? current.moveTo(CallStatus.CANCELED, now, reason).withLastError(reason) : current)
                        .orElse(null);
                if (modified != null && modified.written()) {
                    canceled++;
                    unschedule(waiting.id());
                }
            } catch (ConcurrentUpdateException busy) {
                // being dialed or changed right now: dispatch cancels it if it is still waiting, or it finishes
            }
        }
        return canceled;
    }

    private Campaign stopAtEnd(Campaign campaign, Instant now) {
        try {
            return campaigns.replace(campaign, campaign.withState(CampaignState.STOPPED, now,
                    "ended: its endAt " + campaign.endAt() + " passed"));
        } catch (ConcurrentUpdateException e) {
            return campaigns.find(campaign.id()).orElse(campaign);
        }
    }

    /** RUNNING with nothing pending and every call over: COMPLETED. */
    private boolean completeIfDone(String campaignId, Instant now) {
        Campaign fresh = campaigns.find(campaignId).orElse(null);
        if (fresh == null || fresh.state() != CampaignState.RUNNING || fresh.count(Campaign.PENDING) > 0
                || fresh.callsNotOver() > 0) {
            return false;
        }
        try {
            campaigns.replace(fresh, fresh.withState(CampaignState.COMPLETED, now, null));
            return true;
        } catch (ConcurrentUpdateException e) {
            return false; // paused, stopped or edited meanwhile: the next run looks again
        }
    }

    private void unschedule(String callId) {
        try {
            triggers.unschedule(callId);
        } catch (DependencyUnavailableException e) {
            // harmless: dispatch finds the call CANCELED and does nothing
        }
    }

    /** The calling hours the campaign's calls are checked in: its own window, else the deployment's. */
    CallingHours hoursOf(Campaign campaign) {
        CallingWindow own = CallingWindow.parse(campaign.callingHours(), campaign.callingDays());
        return own.isAnyTime() ? callingHours : callingHours.withWindow(callingHours.window().narrow(own));
    }

    /**
     * The spacing of the campaign's calls: {@code 1/maxCallsPerSecond} widened by {@link #PACE_MARGIN}, so that dials a
     * few milliseconds late (a request's own jitter) never make N + 1 in a second, while the mean stays within 2%.
     */
    static Duration interval(Campaign campaign) {
        return Duration.ofNanos(Math.max(1, Math.round(1_000_000_000d * (1 + PACE_MARGIN) / campaign.maxCallsPerSecond())));
    }

    /** Measured: dials 200 ms apart reached the provider up to 10 ms off their slots (6 in one second at 5/s). */
    static final double PACE_MARGIN = 0.02;

    private static String zone(String given) {
        if (given != null) {
            try {
                return ZoneId.of(given.strip()).getId();
            } catch (DateTimeException e) {
                // the import checks it; a zone that does not read is left out
            }
        }
        return "UTC";
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
