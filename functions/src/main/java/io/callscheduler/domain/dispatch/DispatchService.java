package io.callscheduler.domain.dispatch;

import io.callscheduler.destinations.DailyRings;
import io.callscheduler.destinations.DestinationGuard;
import io.callscheduler.dispatch.DispatchRequest;
import io.callscheduler.domain.CallingHours;
import io.callscheduler.domain.DialTriggers;
import io.callscheduler.domain.Sleeper;
import io.callscheduler.lines.CallLines;
import io.callscheduler.metrics.CallMetrics;
import io.callscheduler.pacing.DialPacer;
import io.callscheduler.store.CallStore;
import io.callscheduler.suppressions.SuppressionList;
import io.callscheduler.suppressions.Suppressions;
import io.callscheduler.telephony.CallApi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Dials a due call exactly once, however often and however concurrently it is triggered, through one pipeline of
 * named steps. Each step lets the call on, or ends this dispatch: most often by parking the call SCHEDULED with a
 * reason ({@link io.callscheduler.model.WaitingFor}) and a time to come back, when a new trigger dispatches it again
 * from the first step. No step calls back into the pipeline. A fired schedule, call-now, the status-sync sweep and
 * a reclaimed dial all enter here.
 *
 * <p>Exactly once rests on the claim: a conditional write SCHEDULED → DIALING on the call's version, which one
 * delivery of any number wins. A request whose answer was lost is looked up at the provider before anything is sent
 * again, unless the provider honours an idempotency key.
 */
public final class DispatchService {

    private final DispatchSettings settings;
    private final LineGate line;
    private final List<DispatchStep> steps;

    private DispatchService(Builder b) {
        this.settings = b.settings;
        Parking parking = new Parking(b.store, b.triggers, b.metrics, b.clock);
        Steps steps = new Steps(b.store, b.clock, new Waits(b.clock, b.sleeper, b.settings.requestBudget()), parking,
                new Refusals(b.store, b.metrics), b.settings);
        RoundDeadline deadlines = new RoundDeadline(b.settings);
        ProviderLookup lookup = new ProviderLookup(b.callApi, b.metrics);
        AttemptResults results = new AttemptResults(b.store, lookup, b.triggers, b.metrics, b.settings, deadlines, b.clock);
        this.line = new LineGate(steps, b.lines);
        CampaignGate campaign = new CampaignGate(steps, b.campaigns);
        SuppressionCheck doNotCall = new SuppressionCheck(steps, b.suppressions == SuppressionList.NONE ? null
                : new Suppressions(b.suppressions, b.clock), results);
        this.steps = List.of(
                new Admission(b.store, b.triggers, b.clock),                   // exists, waits, is due, trigger current
                new UnconfirmedRequest(steps, lookup, results, deadlines),     // a lost answer is looked up first
                new DestinationRecheck(steps, b.destinations),                 // still a number the deployment calls
                campaign,                                                      // its campaign lets it, before a line
                new CallingHoursGate(steps, b.callingHours),                   // inside the callee's calling hours
                new Arrival(steps, b.pacer),                                   // an early trigger waits for the moment
                line,                                                          // a free line (MaxConcurrentCalls)
                new DialSlotGate(steps, b.pacer, b.callingHours),              // pacing's dial slot (MaxCallsPerSecond)
                campaign,                                                      // ... and still does, right before the claim
                new Claim(steps, b.pacer),                                     // SCHEDULED → DIALING, exactly once
                new DailyRingCap(steps, b.destinations, b.dailyRings, results), // the number's rings today
                doNotCall,                                                     // the do-not-call list, last
                new Attempt(steps, b.callApi, b.pacer, lookup, results, b.metrics, doNotCall)); // the provider requests
    }

    public static Builder builder() {
        return new Builder();
    }

    public DispatchSettings settings() {
        return settings;
    }

    /** Dispatches with no deadline of the caller's own (the dispatch function's timeout covers the worst case). */
    public DispatchOutcome dispatch(DispatchRequest request) {
        return dispatch(request, Instant.MAX);
    }

    /**
     * @param deadline when the caller must be done: no provider request is started that could end after it (a call
     *                 that cannot be tried in time waits for its next attempt instead)
     */
    public DispatchOutcome dispatch(DispatchRequest request, Instant deadline) {
        Dial dial = new Dial(request, deadline);
        DispatchOutcome outcome = null;
        try {
            outcome = run(dial);
            return outcome;
        } finally {
            line.giveBackIfUnused(dial, outcome);
        }
    }

    private DispatchOutcome run(Dial dial) {
        for (DispatchStep step : steps) {
            DispatchOutcome ended = step.apply(dial);
            if (ended != DispatchStep.GO_ON) {
                return ended;
            }
        }
        throw new IllegalStateException("the attempt step ends every dispatch");
    }

    /**
     * What a dispatch is built from; the defaults are no pacing, any time, no line limit, no daily cap, no do-not-call
     * list and no metrics.
     */
    public static final class Builder {
        private CallStore store;
        private CallApi callApi;
        private DialTriggers triggers;
        private DispatchSettings settings = DispatchSettings.DEFAULTS;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.REAL;
        private DialPacer pacer = DialPacer.UNLIMITED;
        private CallingHours callingHours = CallingHours.ANY_TIME;
        private CallLines lines = CallLines.UNLIMITED;
        private CallMetrics metrics = CallMetrics.NONE;
        private DestinationGuard destinations = DestinationGuard.OPEN;
        private DailyRings dailyRings = DailyRings.UNCOUNTED;
        private io.callscheduler.store.CampaignStore campaigns;
        private SuppressionList suppressions = SuppressionList.NONE;

        private Builder() {
        }

        /**
         * The calls; with a line limit it must give a call's line back when it stops holding one
         * ({@link io.callscheduler.lines.LineKeepingCallStore}).
         */
        public Builder store(CallStore value) {
            store = value;
            return this;
        }

        public Builder callApi(CallApi value) {
            callApi = value;
            return this;
        }

        /** How a call that waits for a later moment is dispatched again. */
        public Builder triggers(DialTriggers value) {
            triggers = value;
            return this;
        }

        public Builder settings(DispatchSettings value) {
            settings = value;
            return this;
        }

        public Builder clock(Clock value) {
            clock = value;
            return this;
        }

        public Builder sleeper(Sleeper value) {
            sleeper = value;
            return this;
        }

        /** Spaces dials to the provider's rate (MaxCallsPerSecond). */
        public Builder pacer(DialPacer value) {
            pacer = value;
            return this;
        }

        /** When callees may be called: a call due outside them waits for the next opening. */
        public Builder callingHours(CallingHours value) {
            callingHours = value;
            return this;
        }

        /** How many calls may hold a line at once (MaxConcurrentCalls). */
        public Builder lines(CallLines value) {
            lines = value;
            return this;
        }

        /** Where dials, failures, provider errors and held dials are recorded. */
        public Builder metrics(CallMetrics value) {
            metrics = value;
            return this;
        }

        /**
         * Where calls may go, checked again at each dial, and each attempt counted against its number's daily cap
         * (MaxCallsPerNumberPerDay, from {@code destinations}) in {@code rings}; an attempt over it is not dialed.
         */
        public Builder destinations(DestinationGuard destinations, DailyRings rings) {
            this.destinations = destinations;
            this.dailyRings = rings;
            return this;
        }

        /** The campaigns, read before each claim of a campaign's call (paused: held; stopped: canceled); null: none. */
        public Builder campaigns(io.callscheduler.store.CampaignStore value) {
            campaigns = value;
            return this;
        }

        /** The do-not-call list, read again immediately before each provider request. */
        public Builder suppressions(SuppressionList value) {
            suppressions = value;
            return this;
        }

        public DispatchService build() {
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(callApi, "callApi");
            Objects.requireNonNull(triggers, "triggers");
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(sleeper, "sleeper");
            Objects.requireNonNull(pacer, "pacer");
            Objects.requireNonNull(callingHours, "callingHours");
            Objects.requireNonNull(lines, "lines");
            Objects.requireNonNull(metrics, "metrics");
            Objects.requireNonNull(destinations, "destinations");
            Objects.requireNonNull(dailyRings, "dailyRings");
            Objects.requireNonNull(suppressions, "suppressions");
            return new DispatchService(this);
        }
    }
}
