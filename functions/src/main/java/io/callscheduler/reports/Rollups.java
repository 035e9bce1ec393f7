package io.callscheduler.reports;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Each ended call is counted in five rollups, so that every report reads one partition of few buckets rather than every
 * combination of hour, callee hour, campaign and caller ID (which, over 100,000 calls, is nearly a bucket per call):
 * <ul>
 *   <li>{@value #ALL}: by UTC hour and callee-local hour (the time groupings, unfiltered);</li>
 *   <li>{@code campaign#<id>}: one campaign's, also by caller ID (a campaign filter, with any grouping);</li>
 *   <li>{@code caller#<number>}: one caller ID's, also by campaign (a caller ID filter);</li>
 *   <li>{@value #CAMPAIGNS} and {@value #CALLERS}: by UTC hour and campaign, or caller ID, alone (grouping by them).</li>
 * </ul>
 * A key's fields a rollup does not keep are null (campaign, caller ID) or the UTC hour itself (callee hour).
 */
public final class Rollups {
    public static final String ALL = "all";
    public static final String CAMPAIGNS = "campaigns";
    public static final String CALLERS = "callers";

    private Rollups() {
    }

    /** Where one ended call is counted: a rollup and its bucket's key in it. */
    public record Placement(String rollup, BucketKey key) {
    }

    public static List<Placement> of(EndedCall call) {
        BucketKey full = BucketKey.of(call);
        LocalDateTime utc = LocalDateTime.ofInstant(full.utcHour(), ZoneOffset.UTC);
        return List.of(
                new Placement(ALL, new BucketKey(full.utcHour(), full.calleeLocalHour(), null, null)),
                new Placement(campaign(call.campaignId()), new BucketKey(full.utcHour(), full.calleeLocalHour(), call.campaignId(), call.callerId())),
                new Placement(caller(call.callerId()), new BucketKey(full.utcHour(), full.calleeLocalHour(), call.campaignId(), call.callerId())),
                new Placement(CAMPAIGNS, new BucketKey(full.utcHour(), utc, call.campaignId(), null)),
                new Placement(CALLERS, new BucketKey(full.utcHour(), utc, null, call.callerId())));
    }

    /** The one rollup that answers {@code request} (with its filters applied to the buckets read from it). */
    public static String answering(ReportRequest request) {
        if (request.campaignId() != null) {
            return campaign(request.campaignId());
        }
        if (request.callerId() != null) {
            return caller(request.callerId());
        }
        return switch (request.groupBy()) {
            case CAMPAIGN -> CAMPAIGNS;
            case CALLER_ID -> CALLERS;
            default -> ALL;
        };
    }

    private static String campaign(String id) {
        return "campaign#" + (id == null ? "" : id);
    }

    private static String caller(String number) {
        return "caller#" + (number == null ? "" : number);
    }
}
