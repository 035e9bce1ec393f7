package io.callscheduler.domain.campaigns.progress;

import io.callscheduler.callinghours.CallingWindow;
import io.callscheduler.model.Call;
import io.callscheduler.model.Campaign;
import io.callscheduler.model.CampaignState;
import io.callscheduler.store.CallFilter;
import io.callscheduler.store.CampaignStore;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

/**
 * A campaign's dials a minute (from the counts on its item: no read of its calls) and its ETA. For a running one, the
 * ETA reads the window in the zones of its latest call (one item of its calls' index), else in its next contact's
 * calleeTimeZone, else in UTC; {@link CampaignEta} says what that leaves out.
 */
public final class ProgressReader {
    private final CampaignStore store;
    private static final System.Logger LOG = System.getLogger(ProgressReader.class.getName());
    private final double deploymentRate;
    private final CallingWindow deploymentWindow;
    private final Clock clock;

    public ProgressReader(CampaignStore store, double deploymentRate, CallingWindow deploymentWindow, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.deploymentRate = deploymentRate;
        this.deploymentWindow = Objects.requireNonNull(deploymentWindow, "deploymentWindow");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public CampaignProgress read(Campaign campaign) {
        Instant now = clock.instant();
        List<ZoneId> zones = List.of(ZoneOffset.UTC);
        String source = "no call or contact time zone yet";
        if (campaign.state() == CampaignState.RUNNING) {
            try {
                List<Call> latest = store.calls(campaign.id(), CallFilter.all(), 1, null).items();
                if (!latest.isEmpty() && !latest.get(0).callingZones().isEmpty()) {
                    zones = latest.get(0).callingZones();
                    source = "its latest call's zones";
                } else {
                    ZoneId next = store.pendingContacts(campaign.id(), 1).stream()
                            .map(contact -> zoneOrNull(contact.column("calleeTimeZone"))).filter(Objects::nonNull)
                            .findFirst().orElse(null);
                    if (next != null) {
                        zones = List.of(next);
                        source = "its next contact's calleeTimeZone";
                    }
                }
            } catch (RuntimeException unreadable) {
                // An estimate is not worth failing the answer for (a start or resume has already happened); the
                // operator sees why in the log, the user no AWS detail.
                LOG.log(System.Logger.Level.WARNING, "campaign " + campaign.id() + ": could not read its calls' zones for the ETA", unreadable);
                source = "its calls' zones could not be read just now";
            }
        }
        return new CampaignProgress(DialRate.over(campaign.dialsByMinute(), now),
                CampaignEta.estimate(campaign, deploymentRate, deploymentWindow, zones, source, now));
    }

    private static ZoneId zoneOrNull(String text) {
        try {
            return text == null ? null : ZoneId.of(text.strip());
        } catch (DateTimeException e) {
            return null;
        }
    }
}
