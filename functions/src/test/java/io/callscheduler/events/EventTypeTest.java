package io.callscheduler.events;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The events' wire names are the issue's list, and a subscription's name reads back to its type. */
class EventTypeTest {
    @Test
    void theWireNamesAreTheIssuesListAndReadBack() {
        assertThat(Arrays.stream(EventType.values()).map(EventType::wireName)).containsExactly("call.scheduled",
                "call.dialing", "call.in_progress", "call.completed", "call.busy", "call.no_answer", "call.failed",
                "call.canceled", "call.redial_scheduled", "call.suppressed", "contact.opted_out", "campaign.started",
                "campaign.paused", "campaign.completed", "import.completed");
        for (EventType type : EventType.values()) {
            assertThat(EventType.fromWireName(type.wireName())).contains(type);
        }
        assertThat(EventType.fromWireName("CALL_COMPLETED")).isEmpty();
        assertThat(EventType.fromWireName("call.*")).isEmpty();
        assertThat(EventType.fromWireName(null)).isEmpty();
    }
}
