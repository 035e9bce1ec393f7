package io.callscheduler.domain.dispatch;

import io.callscheduler.store.CallStore;

import java.time.Clock;

/** What every step may use: the calls, the clock, waiting inline, parking a call, refusing one, and the settings. */
record Steps(CallStore store, Clock clock, Waits waits, Parking parking, Refusals refusals, DispatchSettings settings) {
}
