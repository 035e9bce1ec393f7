package io.callscheduler.simulator;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import static io.callscheduler.simulator.TwilioForms.first;

/**
 * {@code POST .../Calls.json}: checks a request to place a call as Twilio does ({@code To}, {@code From} and one of
 * {@code Url}, {@code Twiml}, {@code ApplicationSid}), counts it, applies the rate limit and the fault knobs, and
 * places the call.
 */
final class TwilioCallPlacement {
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Set<String> EVENTS = Set.of("initiated", "ringing", "answered", "completed");

    private final Clock clock;
    private final Supplier<SimulatorSettings> settings;
    private final Dice dice;
    private final DialLedger ledger;
    private final TwilioCallResource resources;
    private final TwilioStatusCallbacks callbacks;
    private final TwilioKeypresses keypresses;
    private final Map<String, TwilioCall> calls;

    TwilioCallPlacement(Clock clock, Supplier<SimulatorSettings> settings, Dice dice, DialLedger ledger,
                        TwilioCallResource resources, TwilioStatusCallbacks callbacks, TwilioKeypresses keypresses,
                        Map<String, TwilioCall> calls) {
        this.clock = clock;
        this.settings = settings;
        this.dice = dice;
        this.ledger = ledger;
        this.resources = resources;
        this.callbacks = callbacks;
        this.keypresses = keypresses;
        this.calls = calls;
    }

    void place(HttpExchange exchange, TwilioVoice.Credentials account) throws IOException, InterruptedException {
        Map<String, List<String>> form = TwilioForms.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String callId = TwilioForms.callIdOf(first(form, "StatusCallback"));
        ledger.countRequest(callId);
        if (ledger.overRate()) {
            TwilioErrors.send(exchange, 429, 20429, "Too Many Requests: over " + settings.get().maxCallsPerSecond() + " calls per second");
            return;
        }
        Fault fault = dice.fault();
        if (fault == Fault.SERVER_ERROR) {
            TwilioErrors.send(exchange, 503, 20503, "Service Unavailable (simulated outage)");
            return;
        }
        if (fault == Fault.THROTTLE) {
            TwilioErrors.send(exchange, 429, 20429, "Too Many Requests (simulated throttling)");
            return;
        }
        if (fault.applyToTransport(exchange)) {
            return;
        }
        String to = first(form, "To");
        String from = first(form, "From");
        if (to == null) {
            TwilioErrors.send(exchange, 400, 21201, "No 'To' number is specified");
            return;
        }
        if (from == null) {
            TwilioErrors.send(exchange, 400, 21213, "No 'From' number is specified");
            return;
        }
        if (first(form, "Url") == null && first(form, "Twiml") == null && first(form, "ApplicationSid") == null) {
            TwilioErrors.send(exchange, 400, 21205, "Url parameter is required. Please provide a Url, Twiml or ApplicationSid");
            return;
        }
        if (!E164.matcher(to).matches()) {
            TwilioErrors.send(exchange, 400, 21211, "Invalid 'To' Phone Number: " + to);
            return;
        }
        Set<String> events = new LinkedHashSet<>();
        for (String event : form.getOrDefault("StatusCallbackEvent", List.of())) {
            for (String one : event.trim().split("\\s+")) {
                if (!EVENTS.contains(one)) {
                    TwilioErrors.send(exchange, 400, 21626, "Invalid StatusCallbackEvent: " + one);
                    return;
                }
                events.add(one);
            }
        }
        if (events.isEmpty()) {
            events.add("completed");
        }
        boolean answerLate = dice.lateAnswer();
        String outcome = dice.outcome();
        // With answering-machine detection on, the simulator's callees are people.
        String answeredBy = first(form, "MachineDetection") != null && outcome.equals("completed") ? "human" : null;
        String gatherAction = outcome.equals("completed") ? TwilioKeypresses.gatherAction(first(form, "Twiml")) : null;
        String keyPressed = gatherAction == null ? null : dice.keyPressed();
        TwilioCall call = new TwilioCall("CA" + HexFormat.of().formatHex(uuidBytes()), to, from, clock.instant(),
                outcome, first(form, "StatusCallback"), Set.copyOf(events), new AtomicInteger(), answeredBy, keyPressed);
        calls.put(call.sid(), call);
        ledger.countPlaced(callId, call.sid(), call.createdAt());
        if (call.statusCallback() != null) {
            callbacks.schedule(call, account);
        }
        if (keyPressed != null) {
            keypresses.schedule(call, gatherAction, account);
        }
        if (answerLate) {
            Thread.sleep(settings.get().lateAnswerMs()); // placed, but the answer comes after the client gave up
        }
        JsonResponses.send(exchange, 201, resources.render(call, account));
    }

    private static byte[] uuidBytes() {
        UUID uuid = UUID.randomUUID();
        ByteBuffer buffer = ByteBuffer.allocate(16);
        buffer.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return buffer.array();
    }
}
