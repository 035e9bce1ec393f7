package io.callscheduler.domain.campaigns.progress;

import io.callscheduler.callinghours.CallingWindow;
import io.callscheduler.model.CallStatus;
import io.callscheduler.model.Campaign;
import io.callscheduler.model.CampaignState;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * When a campaign should be done: the dials still to make (contacts not drawn and calls waiting to dial) at its pace
 * (its maxCallsPerSecond, bounded by the deployment's), laid over the open time of its window (its calling hours and
 * days within the deployment's) from now or its startAt, stopping at its endAt. Pure: the caller gives the moment.
 *
 * <p>Approximations, said in {@code basis} and DESIGN_DECISIONS: the window is read in one set of zones (the caller's
 * choice, such as its latest call's), while each contact is called in its own: contacts in other zones can narrow or
 * shift the open time. Redials, retries and busy lines (maxConcurrentCalls) add time that is not foreseen; the calls
 * already ringing or on the phone are counted as remaining but take no dial time.
 */
public final class CampaignEta {
    /** Beyond this much time ahead, no date is given. */
    static final Duration HORIZON = Duration.ofDays(366);

    /**
     * @param finishesAt when the last dial should start; null when there is no estimate ({@code whyNone} says why)
     * @param remaining  contacts not over: not drawn yet, or their call waiting, dialing or on the phone
     * @param basis      what the estimate assumes, in words; null when there is none
     * @param whyNone    why there is no estimate (paused, a draft, endAt first...); null when there is one
     * @param leftAtEnd  when endAt comes first: about how many contacts would be left then; else null
     */
    public record Eta(Instant finishesAt, long remaining, String basis, String whyNone, Long leftAtEnd) {
    }

    private CampaignEta() {
    }

    /**
     * @param deploymentRate   the deployment's MaxCallsPerSecond, 0 for none
     * @param deploymentWindow the deployment's calling window
     * @param zones            the zones the window is read in (not empty)
     * @param zonesSource      where those zones come from, for {@code basis}
     */
    public static Eta estimate(Campaign campaign, double deploymentRate, CallingWindow deploymentWindow,
                               List<ZoneId> zones, String zonesSource, Instant now) {
        long toDial = campaign.count(Campaign.PENDING) + campaign.count(CallStatus.SCHEDULED);
        long remaining = campaign.count(Campaign.PENDING) + campaign.callsNotOver();
        switch (campaign.state()) {
            case DRAFT:
                return none(remaining, "not started: it starts when you start it");
            case PAUSED:
                return none(remaining, "paused: no estimate until it is resumed");
            case STOPPED:
                return none(remaining, "stopped: the contacts not called are not called");
            case COMPLETED:
                return none(remaining, "completed: every contact has been called");
            default:
                break;
        }
        if (toDial == 0) {
            return new Eta(now, remaining, remaining == 0 ? "nothing left to call"
                    : "every contact has been dialed: the last calls are under way", null, null);
        }
        double rate = deploymentRate > 0 ? Math.min(campaign.maxCallsPerSecond(), deploymentRate)
                : campaign.maxCallsPerSecond();
        CallingWindow own = CallingWindow.parse(campaign.callingHours(), campaign.callingDays());
        CallingWindow window = own.isAnyTime() ? deploymentWindow : deploymentWindow.narrow(own);
        String basis = pace(rate, campaign.maxCallsPerSecond()) + (window.isAnyTime() ? ", at any time"
                : ", within " + window.describe() + " read in " + names(zones) + " (" + zonesSource + ")")
                + "; redials, retries and busy lines can make it later";
        Instant start = campaign.startAt() != null && campaign.startAt().isAfter(now) ? campaign.startAt() : now;
        Instant end = campaign.endAt();
        Instant horizon = start.plus(HORIZON);
        double needSeconds = toDial / rate;
        Instant at = start;
        while (true) {
            Instant opening = window.isAnyTime() ? at : window.nextOpeningIfAny(at, zones).orElse(null);
            if (opening == null) {
                return none(remaining, "its calling hours (" + window.describe() + ") are never open in all of "
                        + names(zones) + " (" + zonesSource + ")");
            }
            if (end != null && !opening.isBefore(end)) {
                return endFirst(remaining, needSeconds, rate, end, basis);
            }
            if (opening.isAfter(horizon)) {
                return none(remaining, "more than a year of calling away at " + pace(rate, campaign.maxCallsPerSecond()));
            }
            Instant closing = window.isAnyTime() ? Instant.MAX : window.openUntil(opening, zones);
            if (end != null && end.isBefore(closing)) {
                closing = end;
            }
            double open = closing.equals(Instant.MAX) ? Double.MAX_VALUE
                    : Duration.between(opening, closing).toNanos() / 1e9;
            if (open >= needSeconds) {
                return new Eta(opening.plusNanos(Math.round(needSeconds * 1e9)), remaining, basis, null, null);
            }
            needSeconds -= open;
            if (!closing.isAfter(opening)) {
                closing = opening.plusSeconds(60); // a window no longer than an instant: step over it
            }
            at = closing;
        }
    }

    private static Eta endFirst(long remaining, double needSeconds, double rate, Instant end, String basis) {
        long left = Math.min(remaining, (long) Math.ceil(needSeconds * rate - 1e-9));
        return new Eta(null, remaining, basis, "its endAt (" + end + ") comes first: about " + left + " contact"
                + (left == 1 ? "" : "s") + " would be left then", left);
    }

    private static Eta none(long remaining, String why) {
        return new Eta(null, remaining, null, why, null);
    }

    private static String pace(double rate, double asked) {
        String text = number(rate) + " dial" + (rate == 1 ? "" : "s") + " a second";
        return rate < asked ? text + " (the deployment's MaxCallsPerSecond, below the campaign's " + number(asked) + ")"
                : text + " (its maxCallsPerSecond)";
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%s", value);
    }

    private static String names(List<ZoneId> zones) {
        return zones.stream().map(ZoneId::getId).collect(Collectors.joining(", "));
    }
}
