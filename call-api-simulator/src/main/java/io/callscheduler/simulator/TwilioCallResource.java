package io.callscheduler.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Twilio's call resource, as {@code GET .../Calls/{CallSid}.json} and the list answer it. */
final class TwilioCallResource {
    /** Twilio's date format in resources and callbacks (RFC 2822). */
    static final DateTimeFormatter RFC_2822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final Clock clock;
    private final CallLifecycle lifecycle;

    TwilioCallResource(Clock clock, CallLifecycle lifecycle) {
        this.clock = clock;
        this.lifecycle = lifecycle;
    }

    /** The call resource as Twilio's API answers it. */
    ObjectNode render(TwilioCall call, TwilioVoice.Credentials account) {
        CallLifecycle.Phase phase = lifecycle.phaseOf(call.createdAt(), call.outcome());
        ObjectNode node = CallApiSimulator.JSON.createObjectNode();
        node.put("sid", call.sid());
        node.put("account_sid", account.accountSid());
        node.put("to", call.to());
        node.put("to_formatted", call.to());
        node.put("from", call.from());
        node.put("from_formatted", call.from());
        node.put("status", phase.status());
        node.put("direction", "outbound-api");
        node.put("api_version", "2010-04-01");
        node.put("date_created", RFC_2822.format(call.createdAt()));
        node.put("date_updated", RFC_2822.format(clock.instant()));
        node.put("start_time", phase.startedAt() == null ? null : RFC_2822.format(phase.startedAt()));
        node.put("end_time", phase.endedAt() == null ? null : RFC_2822.format(phase.endedAt()));
        node.put("duration", phase.endedAt() == null ? null : Long.toString(phase.durationSeconds()));
        node.put("answered_by", phase.startedAt() == null ? null : call.answeredBy());
        node.putNull("price");
        node.put("price_unit", "USD");
        node.putNull("parent_call_sid");
        node.putNull("caller_name");
        node.putNull("forwarded_from");
        node.putNull("group_sid");
        node.putNull("phone_number_sid");
        node.put("queue_time", "0");
        node.putNull("trunk_sid");
        node.put("uri", TwilioVoice.PREFIX + account.accountSid() + "/Calls/" + call.sid() + ".json");
        node.putObject("subresource_uris");
        return node;
    }
}
