package io.callscheduler.events.endpoints;

import io.callscheduler.domain.ValidationException;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The event types an endpoint may subscribe to (issue 22's list), and the subscription a request gives. */
public final class EventTypes {
    /** Every type, present and future. */
    public static final String EVERY = "*";
    public static final List<String> ALL = List.of("call.scheduled", "call.dialing", "call.in_progress",
            "call.completed", "call.busy", "call.no_answer", "call.failed", "call.canceled", "call.redial_scheduled",
            "call.suppressed", "contact.opted_out", "campaign.started", "campaign.paused", "campaign.completed",
            "import.completed");

    private EventTypes() {
    }

    /**
     * A subscription as stored: {@code ["*"]} alone, or known types without repeats in {@link #ALL} order.
     *
     * @param requested null (left out) subscribes to every type
     * @throws ValidationException naming {@code events}: empty, an unknown type, or {@code "*"} among others
     */
    public static List<String> subscription(List<String> requested) {
        if (requested == null) {
            return List.of(EVERY);
        }
        if (requested.isEmpty()) {
            throw new ValidationException("events", "EMPTY_EVENTS", "events must name at least one event type, or be [\"*\"] for all");
        }
        if (requested.contains(EVERY)) {
            if (Set.copyOf(requested).size() > 1) {
                throw new ValidationException("events", "INVALID_EVENT_TYPE", "events is either [\"*\"] (every type) or a list of types, not both");
            }
            return List.of(EVERY);
        }
        for (String type : requested) {
            if (!ALL.contains(type)) {
                throw new ValidationException("events", "INVALID_EVENT_TYPE", "events: unknown event type '" + type
                        + "'; known: " + String.join(", ", ALL) + ", or \"*\" for all");
            }
        }
        List<String> ordered = new ArrayList<>(ALL);
        ordered.retainAll(requested);
        return List.copyOf(ordered);
    }
}
