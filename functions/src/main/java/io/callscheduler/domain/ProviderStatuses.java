package io.callscheduler.domain;

import io.callscheduler.model.CallStatus;

import java.util.Locale;
import java.util.Optional;

/** Maps the Call API's statuses (Twilio's lifecycle) onto ours. */
public final class ProviderStatuses {
    private ProviderStatuses() {
    }

    /** Our status for a provider status; empty for a status we do not know (kept, but not acted on). */
    public static Optional<CallStatus> toCallStatus(String providerStatus) {
        if (providerStatus == null) {
            return Optional.empty();
        }
        return switch (providerStatus.toLowerCase(Locale.ROOT)) {
            case "queued", "initiated", "ringing" -> Optional.of(CallStatus.DIALING);
            case "in-progress" -> Optional.of(CallStatus.IN_PROGRESS);
            case "completed" -> Optional.of(CallStatus.COMPLETED);
            case "busy" -> Optional.of(CallStatus.BUSY);
            case "no-answer" -> Optional.of(CallStatus.NO_ANSWER);
            case "failed", "canceled" -> Optional.of(CallStatus.FAILED);
            default -> Optional.empty();
        };
    }
}
