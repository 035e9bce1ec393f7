package io.callscheduler.series;

import io.callscheduler.callinghours.CalleeZones;
import io.callscheduler.callinghours.CallingWindow;
import io.callscheduler.destinations.DestinationGuard;
import io.callscheduler.domain.CallScripts;
import io.callscheduler.domain.CallService;
import io.callscheduler.domain.CallingHours;
import io.callscheduler.domain.Calls;
import io.callscheduler.domain.DialTriggers;
import io.callscheduler.model.Call;
import io.callscheduler.model.CallStatus;
import io.callscheduler.redial.RedialLimits;
import io.callscheduler.redial.RedialPolicy;
import io.callscheduler.scheduling.DialScheduler;
import io.callscheduler.series.dynamodb.DynamoDbSeriesStore;
import io.callscheduler.store.dynamodb.DynamoDbCallStore;
import io.callscheduler.testing.LocalAws;
import io.callscheduler.testing.MutableClock;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Series on a table of their own in DynamoDB Local, over the real call store and call rules, on a clock the test
 * controls; the dial triggers are recorded (call id to due moment), not sent.
 */
final class SeriesFixture {
    final LocalAws aws = LocalAws.get();
    final String table = aws.newCallsTable();
    final MutableClock clock;
    final DynamoDbCallStore calls = new DynamoDbCallStore(aws.dynamoDb(), table);
    final DynamoDbSeriesStore store = new DynamoDbSeriesStore(aws.dynamoDb(), table);
    /** The dial triggers arranged: call id to the moment it dials. */
    final Map<String, Instant> triggers = new ConcurrentHashMap<>();
    final CallService callService;
    final DialTriggers dialTriggers;
    final SeriesRoller roller;
    final SeriesService service;

    SeriesFixture(Instant now, CallingWindow window) {
        clock = new MutableClock(now);
        DialScheduler scheduler = new DialScheduler() {
            @Override
            public void schedule(Call call, Duration lead) {
                triggers.put(call.id(), call.dueAt());
            }

            @Override
            public void unschedule(String callId) {
                triggers.remove(callId);
            }
        };
        dialTriggers = new DialTriggers(scheduler, request -> triggers.put(request.callId(), request.scheduledFor()), clock);
        callService = new CallService(calls, scheduler, request -> { }, clock, CallScripts.ScriptRules.NONE,
                new CallingHours(window, () -> CalleeZones.UNKNOWN), RedialPolicy.OFF, RedialLimits.WIDEST,
                DestinationGuard.OPEN);
        roller = roller(SeriesRoller.Steps.NONE);
        service = new SeriesService(store, calls, callService, roller, clock);
    }

    SeriesRoller roller(SeriesRoller.Steps steps) {
        return new SeriesRoller(store, calls, new OccurrenceCalls(callService), dialTriggers, clock, steps);
    }

    static SeriesRequest request(String timeZone, String rrule, String startAt, Integer count, Map<String, String> callFields) {
        return new SeriesRequest(new SeriesRuleFields(timeZone, rrule, startAt, null, count, null), callFields,
                Set.of(), null);
    }

    static SeriesRequest daily(String timeZone, String hhmm, String startDate) {
        String[] time = hhmm.split(":");
        return request(timeZone, "FREQ=DAILY;BYHOUR=" + Integer.parseInt(time[0]) + ";BYMINUTE=" + Integer.parseInt(time[1]),
                startDate + "T00:00", null, Map.of("phoneNumber", "+14155550123", "contactName", "Mum",
                        "calleeTimeZone", timeZone));
    }

    Call currentCall(String seriesId) {
        return calls.find(service.get(seriesId).currentCallId()).orElseThrow();
    }

    /** Dials and completes the call, at the clock's moment. */
    void complete(String callId) {
        Instant now = clock.instant();
        Calls.update(calls, callId, call -> call.claim(now, "dialing").moveTo(CallStatus.COMPLETED, now, "answered"));
    }

    List<Call> seriesCalls(String seriesId) {
        return store.calls(seriesId, 200, null).items();
    }
}
