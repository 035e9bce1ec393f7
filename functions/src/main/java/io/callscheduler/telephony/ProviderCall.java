package io.callscheduler.telephony;

/**
 * The provider's view of a call, in Twilio's vocabulary.
 *
 * @param status          one of queued, initiated, ringing, in-progress, completed, busy, no-answer, failed, canceled
 * @param error           the provider's error text for a failed call, else null
 * @param durationSeconds the call's duration once it ended, else null
 * @param answeredBy      with answering-machine detection: human, machine_start, fax, unknown...; else null
 */
public record ProviderCall(String id, String status, String error, Integer durationSeconds, String answeredBy) {
    public ProviderCall(String id, String status, String error) {
        this(id, status, error, null, null);
    }
}
