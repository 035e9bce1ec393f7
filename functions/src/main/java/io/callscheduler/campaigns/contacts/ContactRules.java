package io.callscheduler.campaigns.contacts;

import io.callscheduler.callinghours.CalleeZones;
import io.callscheduler.callinghours.CallingWindow;
import io.callscheduler.campaigns.messages.MessageTemplate;
import io.callscheduler.destinations.DestinationGuard;
import io.callscheduler.destinations.WrittenNumbers;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * What an upload's rows are checked against: the upload's own defaultRegion, the deployment's destination rules,
 * the campaign's calling window and message, and the two lists asked through ports.
 *
 * @param defaultRegion the region nationally written numbers are in (ISO 3166, such as US), or null for none
 * @param numbers       reads written numbers into E.164
 * @param destinations  the deployment's AllowedCountryCodes and AllowedNumberTypes
 * @param window        the campaign's calling window, applied in each contact's zones
 * @param campaignZone  the zone the window applies in for a contact with no zone of its own
 * @param calleeZones   the zones a number may ring in, from its prefix
 * @param from          the moment from which calling hours must open at least once (the campaign's start, or now)
 * @param suppressed    the do-not-call list
 * @param inCampaign    the numbers the campaign already has
 * @param message       the campaign's message, or null (a TwiML URL): its fields must be columns of the file
 */
public record ContactRules(String defaultRegion, WrittenNumbers numbers, DestinationGuard destinations,
                           CallingWindow window, ZoneId campaignZone, CalleeZones calleeZones, Instant from,
                           NumberLookup suppressed, NumberLookup inCampaign, MessageTemplate message) {
    public ContactRules {
        Objects.requireNonNull(numbers, "numbers");
        Objects.requireNonNull(destinations, "destinations");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(campaignZone, "campaignZone");
        Objects.requireNonNull(calleeZones, "calleeZones");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(suppressed, "suppressed");
        Objects.requireNonNull(inCampaign, "inCampaign");
    }

    /** Any number the reader reads, any time, in UTC, no lists, no message: narrow it with the withers. */
    public static ContactRules open(WrittenNumbers numbers, CalleeZones calleeZones, Instant from) {
        return new ContactRules(null, numbers, DestinationGuard.OPEN, CallingWindow.ANY, ZoneId.of("UTC"),
                calleeZones, from, NumberLookup.NONE, NumberLookup.NONE, null);
    }

    public ContactRules withDefaultRegion(String value) {
        return new ContactRules(value, numbers, destinations, window, campaignZone, calleeZones, from, suppressed, inCampaign, message);
    }

    public ContactRules withDestinations(DestinationGuard value) {
        return new ContactRules(defaultRegion, numbers, value, window, campaignZone, calleeZones, from, suppressed, inCampaign, message);
    }

    public ContactRules withWindow(CallingWindow value, ZoneId zone) {
        return new ContactRules(defaultRegion, numbers, destinations, value, zone, calleeZones, from, suppressed, inCampaign, message);
    }

    public ContactRules withSuppressed(NumberLookup value) {
        return new ContactRules(defaultRegion, numbers, destinations, window, campaignZone, calleeZones, from, value, inCampaign, message);
    }

    public ContactRules withInCampaign(NumberLookup value) {
        return new ContactRules(defaultRegion, numbers, destinations, window, campaignZone, calleeZones, from, suppressed, value, message);
    }

    public ContactRules withMessage(MessageTemplate value) {
        return new ContactRules(defaultRegion, numbers, destinations, window, campaignZone, calleeZones, from, suppressed, inCampaign, value);
    }
}
