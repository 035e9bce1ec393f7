package io.callscheduler.events;

import java.util.Arrays;
import java.util.Optional;

/**
 * The events sent to webhook endpoints, by their wire names ({@code call.no_answer}): what an endpoint subscribes to
 * and what a payload's {@code type} says. Which change emits which is {@link EventDerivation}'s rule.
 */
public enum EventType {
    CALL_SCHEDULED("call.scheduled"),
    CALL_DIALING("call.dialing"),
    CALL_IN_PROGRESS("call.in_progress"),
    CALL_COMPLETED("call.completed"),
    CALL_BUSY("call.busy"),
    CALL_NO_ANSWER("call.no_answer"),
    CALL_FAILED("call.failed"),
    CALL_CANCELED("call.canceled"),
    CALL_REDIAL_SCHEDULED("call.redial_scheduled"),
    CALL_SUPPRESSED("call.suppressed"),
    CONTACT_OPTED_OUT("contact.opted_out"),
    CAMPAIGN_STARTED("campaign.started"),
    CAMPAIGN_PAUSED("campaign.paused"),
    CAMPAIGN_COMPLETED("campaign.completed"),
    IMPORT_COMPLETED("import.completed");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    /** The name on the wire and in subscriptions, such as {@code call.no_answer}. */
    public String wireName() {
        return wireName;
    }

    /** The type a wire name names; empty when it names none (an endpoint's subscription is checked with it). */
    public static Optional<EventType> fromWireName(String name) {
        return Arrays.stream(values()).filter(type -> type.wireName.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
