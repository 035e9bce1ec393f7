package io.callscheduler.domain.campaigns;

import io.callscheduler.campaigns.messages.MessageTemplate;
import io.callscheduler.campaigns.CampaignRuns;
import io.callscheduler.dependencies.DependencyUnavailableException;
import io.callscheduler.domain.CallRules;
import io.callscheduler.domain.PageSizes;
import io.callscheduler.domain.ValidationException;
import io.callscheduler.domain.campaigns.progress.CampaignProgress;
import io.callscheduler.domain.campaigns.progress.ProgressReader;
import io.callscheduler.model.Call;
import io.callscheduler.model.CallScript;
import io.callscheduler.model.CallStatus;
import io.callscheduler.model.Campaign;
import io.callscheduler.model.CampaignState;
import io.callscheduler.model.NewContact;
import io.callscheduler.store.CallFilter;
import io.callscheduler.store.CampaignStore;
import io.callscheduler.store.ConcurrentUpdateException;
import io.callscheduler.store.InvalidPageTokenException;
import io.callscheduler.store.Page;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The campaigns' use cases: create, read, list, edit, and the lifecycle {@code DRAFT → RUNNING ⇄ PAUSED → STOPPED |
 * COMPLETED}. A state change is one conditional write on the campaign's version; what follows from it (drawing
 * contacts, releasing held calls, canceling the rest) is the runner's, asked for at once and done again each minute.
 * A pause needs nothing more: dispatch reads the campaign before every claim.
 */
public final class CampaignService {
    private static final System.Logger LOG = System.getLogger(CampaignService.class.getName());
    private static final int MAX_RACES = 5;

    private final CampaignStore store;
    private final CampaignRules rules;
    private final CampaignRuns runs;
    private final Clock clock;
    private final Supplier<String> ids;

    public CampaignService(CampaignStore store, CampaignRules rules, CampaignRuns runs, Clock clock) {
        this(store, rules, runs, clock, () -> UUID.randomUUID().toString());
    }

    CampaignService(CampaignStore store, CampaignRules rules, CampaignRuns runs, Clock clock, Supplier<String> ids) {
        this.store = Objects.requireNonNull(store, "store");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.runs = Objects.requireNonNull(runs, "runs");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    /** A new DRAFT campaign. @throws ValidationException naming the field; nothing is written then */
    public Campaign create(NewCampaignRequest request) {
        Instant now = clock.instant();
        CampaignRules.Checked checked = rules.check(request, null, now);
        Campaign campaign = new Campaign(ids.get(), checked.name(), checked.script(), checked.callingHours(),
                checked.callingDays(), checked.rate(), checked.lines(), checked.redial(), checked.startAt(),
                checked.endAt(), CampaignState.DRAFT, now, now, null, null, 0, Map.of(), 1);
        store.insert(campaign);
        return campaign;
    }

    public Campaign get(String id) {
        return store.find(id).orElseThrow(() -> new CampaignNotFoundException(id));
    }

    /** Its dials a minute and its ETA, now (GET /campaigns/{id}). */
    public CampaignProgress progress(Campaign campaign) {
        return new ProgressReader(store, rules.rate(), rules.window(), clock).read(campaign);
    }

    public Page<Campaign> list(String limit, String nextToken) {
        int size = PageSizes.parse(limit);
        try {
            return store.list(size, nextToken == null || nextToken.isEmpty() ? null : nextToken);
        } catch (InvalidPageTokenException e) {
            throw new ValidationException("nextToken", "INVALID_TOKEN", "nextToken is not valid here: " + e.getMessage()
                    + "; start again without it");
        }
    }

    /**
     * Changes what the request gives (the window, the pacing, the message, the redial, the dates, the name), the rest
     * kept; allowed while DRAFT, RUNNING or PAUSED. Calls already made keep what they were made with.
     */
    public Campaign edit(String id, NewCampaignRequest changes) {
        Instant now = clock.instant();
        return transition(id, "edited", current -> {
            CallScript script = current.script();
            NewCampaignRequest merged = new NewCampaignRequest(
                    or(changes.name(), current.name()),
                    or(changes.message(), script.message()), or(changes.twimlUrl(), script.twimlUrl()),
                    or(changes.voice(), script.voice()), or(changes.language(), script.language()),
                    or(changes.callerId(), script.callerId()),
                    or(changes.callingHours(), current.callingHours()), or(changes.callingDays(), current.callingDays()),
                    or(changes.maxCallsPerSecond(), Double.toString(current.maxCallsPerSecond())),
                    or(changes.maxConcurrentCalls(), Integer.toString(current.maxConcurrentCalls())),
                    changes.redial(),
                    or(changes.startAt(), current.startAt() == null ? null : current.startAt().toString()),
                    or(changes.endAt(), current.endAt() == null ? null : current.endAt().toString()),
                    or(changes.optOutDigit(), script.optOutDigit())); // "" goes back to the deployment's
            CampaignRules.Checked checked = rules.check(merged, current.redial(), now);
            if (changes.message() != null && checked.script().message() != null && current.contacts() > 0) {
                // Contacts are in: a {{field}} they do not have would be spoken as nothing.
                MessageTemplate.forCampaign(checked.script().message(), store.contactColumns(id));
            }
            return current.edited(checked.name(), checked.script(), checked.callingHours(), checked.callingDays(),
                    checked.rate(), checked.lines(), checked.redial(), checked.startAt(), checked.endAt(), now);
        });
    }

    /** DRAFT → RUNNING: the runner draws its first contacts at once. */
    public Campaign start(String id) {
        if (get(id).contacts() == 0) {
            // Started empty, it would complete at its first run and take no contacts after.
            throw new CampaignStateException("campaign " + id + " has no contacts: add contacts (POST /campaigns/" + id
                    + "/contacts) before starting it");
        }
        Campaign started = transition(id, "started", c -> c.withState(CampaignState.RUNNING, clock.instant(), null));
        runSoon(id, CampaignRuns.Reason.START);
        return started;
    }

    /** RUNNING → PAUSED: from the answer on, no call of it starts dialing (dispatch reads the state before each claim). */
    public Campaign pause(String id) {
        return transition(id, "paused", c -> c.withState(CampaignState.PAUSED, clock.instant(), null));
    }

    /** PAUSED → RUNNING: the runner gives the held calls new slots at the campaign's pace and draws on. */
    public Campaign resume(String id) {
        Campaign resumed = transition(id, "resumed", c -> c.withState(CampaignState.RUNNING, clock.instant(), null));
        runSoon(id, CampaignRuns.Reason.RESUME);
        return resumed;
    }

    /**
     * → STOPPED: the remaining contacts and the calls not yet dialed end CANCELED with the reason (by the runner, at
     * once; dispatch cancels any it meets first); calls already ringing finish.
     */
    public Campaign stop(String id) {
        Campaign stopped = transition(id, "stopped", c -> c.withState(CampaignState.STOPPED, clock.instant(),
                "stopped by user"));
        runSoon(id, CampaignRuns.Reason.STOP);
        return stopped;
    }

    /**
     * Adds validated contacts (numbers in E.164, columns kept) to a campaign not yet over; a number already in it is
     * reported as a duplicate. The contacts endpoint calls this with the CSV engine's accepted rows.
     */
    public CampaignStore.Added addContacts(String id, List<NewContact> contacts) {
        Campaign campaign = get(id);
        if (campaign.state().isOver()) {
            throw new CampaignStateException(id, campaign.state(), "edited");
        }
        try {
            return store.addContacts(id, contacts);
        } catch (ConcurrentUpdateException raced) {
            Campaign now = get(id);
            if (now.state().isOver()) {
                throw new CampaignStateException(id, now.state(), "edited"); // it ended while the contacts were added
            }
            throw raced;
        }
    }

    /** The campaign's calls, newest first, optionally of some statuses and matching a search (GET /calls?campaignId=). */
    public Page<Call> calls(String id, String status, String search, String limit, String nextToken) {
        get(id);
        Set<CallStatus> statuses = EnumSet.noneOf(CallStatus.class);
        if (status != null && !status.isBlank()) {
            for (String one : status.split(",")) {
                statuses.add(CallStatus.parse(one.strip()).orElseThrow(() -> new ValidationException("status",
                        "INVALID_STATUS", "status must be one or more (comma-separated) of "
                        + java.util.Arrays.toString(CallStatus.values()))));
            }
        }
        try {
            return store.calls(id, new CallFilter(statuses, CallRules.searchTerm(search)), PageSizes.parse(limit),
                    nextToken == null || nextToken.isEmpty() ? null : nextToken);
        } catch (InvalidPageTokenException e) {
            throw new ValidationException("nextToken", "INVALID_TOKEN", "nextToken is not valid here: " + e.getMessage()
                    + "; start again without it");
        }
    }

    private Campaign transition(String id, String action, UnaryOperator<Campaign> change) {
        for (int race = 0; race < MAX_RACES; race++) {
            Campaign current = get(id);
            if (!CampaignState.from(action).contains(current.state())) {
                throw new CampaignStateException(id, current.state(), action);
            }
            try {
                return store.replace(current, change.apply(current));
            } catch (ConcurrentUpdateException lostRace) {
                // another writer (an edit, a state change) got there first: read again
            }
        }
        throw new ConcurrentUpdateException(id);
    }

    private void runSoon(String id, CampaignRuns.Reason reason) {
        try {
            runs.runSoon(id, reason);
        } catch (DependencyUnavailableException e) {
            LOG.log(System.Logger.Level.WARNING, "campaign " + id + ": could not start its runner now ("
                    + e.getMessage() + "); its minute's run does the work");
        }
    }

    private static String or(String given, String kept) {
        return given != null ? given : kept;
    }
}
