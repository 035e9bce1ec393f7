package io.callscheduler.simulator;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A call placed through Twilio's API.
 *
 * @param sid            {@code CA} and 32 hex digits
 * @param statusCallback where its status callbacks go, or null for none
 * @param events         the {@code StatusCallbackEvent}s asked for
 * @param sequence       the next callback's {@code SequenceNumber}
 * @param answeredBy     {@code human} when answering-machine detection was asked for and the call was answered
 * @param keyPressed     the key the callee presses during the call (into its TwiML's {@code <Gather>}), or null
 */
record TwilioCall(String sid, String to, String from, Instant createdAt, String outcome,
                  String statusCallback, Set<String> events, AtomicInteger sequence, String answeredBy, String keyPressed) {
}
