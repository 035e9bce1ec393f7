package io.callscheduler.testing;

import io.callscheduler.domain.DialTriggers;
import io.callscheduler.domain.dispatch.DispatchService;
import io.callscheduler.scheduling.eventbridge.EventBridgeDialScheduler;
import io.callscheduler.store.CallStore;
import io.callscheduler.telephony.CallApi;

/** The dispatch pipeline as tests build it: schedules on the shared emulated Scheduler, time from the test's clock. */
public final class TestDispatch {
    private TestDispatch() {
    }

    /** The Scheduler adapter for a schedule group of the test's own; its schedules target a function never invoked. */
    public static EventBridgeDialScheduler scheduler(String group) {
        LocalAws aws = LocalAws.get();
        return new EventBridgeDialScheduler(aws.schedulerClient(), new EventBridgeDialScheduler.Settings(group,
                aws.lambda.arnOf("not-invoked"), "arn:aws:iam::000000000000:role/r", null, 5, 3600));
    }

    /**
     * A dispatch over {@code store} and {@code callApi}, whose waits for later moments are schedules in {@code group}
     * (no direct invocation), on {@code clock}, which also stands in for sleeping; the rest as the builder's defaults.
     */
    public static DispatchService.Builder builder(CallStore store, CallApi callApi, String group, MutableClock clock) {
        return DispatchService.builder().store(store).callApi(callApi)
                .triggers(new DialTriggers(scheduler(group), DialTriggers.noDirectInvocation(), clock))
                .clock(clock).sleeper(clock::sleep);
    }
}
