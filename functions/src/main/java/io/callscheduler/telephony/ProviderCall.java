package io.callscheduler.telephony;

/**
 * The provider's view of a call.
 *
 * @param status one of queued, initiated, ringing, in-progress, completed, busy, no-answer, failed, canceled
 * @param error  the provider's error text for a failed call, else null
 */
public record ProviderCall(String id, String status, String error) {
}
