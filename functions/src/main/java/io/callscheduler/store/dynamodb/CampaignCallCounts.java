package io.callscheduler.store.dynamodb;

import io.callscheduler.model.Call;
import io.callscheduler.model.CallStatus;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a campaign call's change of status does to its campaign's item, in the same transaction: the counts moved from
 * the old status to the new and, when the change is a new provider request (a claim), one more dial in the minute it
 * started. Each minute's dials are a top-level number ({@code dials_<minute since the epoch>}) so that {@code ADD}
 * creates it: a nested map would have to exist first, which campaigns written before it lack. The same write removes
 * the minutes {@value #KEPT_MINUTES} to {@value #KEPT_MINUTES}+{@value #PRUNED_MINUTES} back; only a pause in dialing
 * longer than that leaves a few behind (readers ignore them), which the next such dial cannot see.
 */
final class CampaignCallCounts {
    static final String DIALS_PREFIX = "dials_";
    /** Minutes kept, this one included: the API's rate is over the last five complete ones. */
    static final int KEPT_MINUTES = 10;
    /** Older minutes each dial removes (a name each in its update expression). */
    static final int PRUNED_MINUTES = 60;

    private CampaignCallCounts() {
    }

    static Update countsMoved(String tableName, Call expected, Call written) {
        Map<String, String> names = new HashMap<>(Map.of("#from", CampaignItems.countAttribute(expected),
                "#to", CampaignItems.countAttribute(written)));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":minus", AttributeValue.fromN("-1"),
                ":plus", AttributeValue.fromN("1")));
        String expression = "ADD #from :minus, #to :plus";
        if (isNewDial(expected, written)) {
            long minute = minuteOf(written.dialStartedAt() != null ? written.dialStartedAt() : written.updatedAt());
            names.put("#dial", dialsAttribute(minute));
            expression += ", #dial :plus";
            List<String> removed = new ArrayList<>();
            for (int back = KEPT_MINUTES; back < KEPT_MINUTES + PRUNED_MINUTES; back++) {
                names.put("#old" + back, dialsAttribute(minute - back));
                removed.add("#old" + back);
            }
            expression += " REMOVE " + String.join(", ", removed);
        }
        return Update.builder().tableName(tableName)
                .key(Map.of(CallsTable.ID, AttributeValue.fromS(CallsTable.campaign(expected.campaignId()))))
                .updateExpression(expression).expressionAttributeNames(names).expressionAttributeValues(values).build();
    }

    /** A claim: into DIALING with one more provider request (not the confirmation of an earlier one). */
    static boolean isNewDial(Call expected, Call written) {
        return written.status() == CallStatus.DIALING && expected.status() != CallStatus.DIALING
                && written.attempts() > expected.attempts();
    }

    static long minuteOf(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), 60);
    }

    static String dialsAttribute(long minute) {
        return DIALS_PREFIX + minute;
    }

    /** The item's dials by minute since the epoch. */
    static Map<Long, Long> dialsByMinute(Map<String, AttributeValue> item) {
        Map<Long, Long> dials = new HashMap<>();
        item.forEach((name, value) -> {
            if (name.startsWith(DIALS_PREFIX) && value.n() != null) {
                dials.put(Long.parseLong(name.substring(DIALS_PREFIX.length())), Long.parseLong(value.n()));
            }
        });
        return dials;
    }
}
