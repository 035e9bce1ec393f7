package io.callscheduler.entrypoints;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callscheduler.domain.campaigns.progress.CampaignEta;
import io.callscheduler.domain.campaigns.progress.CampaignProgress;
import io.callscheduler.domain.campaigns.progress.DialRate;
import io.callscheduler.model.Campaign;
import io.callscheduler.store.Page;
import io.callscheduler.views.CampaignViews;

import java.time.Instant;

/** The API's JSON view of campaigns, with their progress. */
final class CampaignJson {
    private CampaignJson() {
    }

    /** A campaign with its progress, its dials a minute and its ETA included (GET /campaigns/{id}, the actions). */
    static ObjectNode full(Campaign campaign, CampaignProgress live) {
        ObjectNode node = full(campaign);
        ObjectNode progress = (ObjectNode) node.get("progress");
        DialRate rate = live.dialRate();
        ObjectNode dials = progress.putObject("dialsPerMinute");
        dials.put("perMinute", rate.perMinute());
        dials.put("from", text(rate.from()));
        dials.put("to", text(rate.to()));
        dials.put("minutes", DialRate.MINUTES);
        dials.put("thisMinute", rate.thisMinute());
        CampaignEta.Eta eta = live.eta();
        ObjectNode etaNode = progress.putObject("eta");
        etaNode.put("finishesAt", text(eta.finishesAt()));
        etaNode.put("remaining", eta.remaining());
        etaNode.put("basis", eta.basis());
        etaNode.put("whyNone", eta.whyNone());
        if (eta.leftAtEnd() != null) {
            etaNode.put("leftAtEnd", eta.leftAtEnd());
        } else {
            etaNode.putNull("leftAtEnd");
        }
        return node;
    }

    /** A campaign with its exact counts (lists: no dials a minute or ETA, which cost a read each). */
    static ObjectNode full(Campaign campaign) {
        return CampaignViews.full(campaign);
    }

    static ObjectNode page(Page<Campaign> page) {
        ObjectNode node = CallJson.MAPPER.createObjectNode();
        var items = node.putArray("items");
        page.items().forEach(campaign -> items.add(full(campaign)));
        node.put("nextToken", page.nextToken());
        return node;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
