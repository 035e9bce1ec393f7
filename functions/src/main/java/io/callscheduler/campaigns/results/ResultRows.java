package io.callscheduler.campaigns.results;

import io.callscheduler.campaigns.contacts.ContactColumns;
import io.callscheduler.model.Call;
import io.callscheduler.model.CallStatus;
import io.callscheduler.model.Campaign;
import io.callscheduler.model.Contact;
import io.callscheduler.model.ContactState;
import io.callscheduler.model.StatusChange;

import java.time.Duration;
import java.time.Instant;

/** A contact's results row, from the contact and the call made for it (none while it was never drawn). */
public final class ResultRows {
    private ResultRows() {
    }

    /**
     * The status is the call's (COMPLETED, BUSY, ... or SCHEDULED while it waits, redials included) or, for a contact
     * never drawn, the contact's state (PENDING, CANCELED...). {@code attempts} counts dial rounds claimed (a redial is
     * an attempt; a provider request retried within one is not), as the page's "2 of 3" does.
     */
    public static ResultRow of(Campaign campaign, Contact contact, Call call) {
        String name = contact.column(ContactColumns.CONTACT_NAME);
        if (call == null) {
            String reason = contact.state() == ContactState.CANCELED && campaign.stopReason() != null
                    ? "not dialed: campaign " + campaign.stopReason() : null;
            return new ResultRow(contact.phoneNumber(), name, contact.columns(), contact.state().name(), 0, null, null,
                    reason, null, null);
        }
        Integer seconds = call.progress().durationSeconds();
        Instant first = null;
        Instant last = null;
        CallStatus before = null;
        for (StatusChange change : call.history()) {
            if (change.status() == CallStatus.DIALING && before != CallStatus.DIALING) {
                first = first == null ? change.at() : first;
                last = change.at();
            }
            before = change.status();
        }
        return new ResultRow(contact.phoneNumber(), name, contact.columns(), call.status().name(), call.claimedRound(),
                call.progress().answeredBy(), seconds == null ? null : Duration.ofSeconds(seconds), lastError(call),
                first, last);
    }

    /** The call's last error or, for a call that ended without one (canceled, failed), why it ended. */
    private static String lastError(Call call) {
        if (call.lastError() != null || !(call.status() == CallStatus.CANCELED || call.status() == CallStatus.FAILED)) {
            return call.lastError();
        }
        return call.history().stream().filter(change -> change.status() == call.status()).map(StatusChange::detail)
                .findFirst().orElse(null);
    }
}
