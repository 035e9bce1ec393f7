package io.callscheduler.simulator;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A callee pressing a key into a call's {@code <Gather>}: Twilio then POSTs the form ({@code Digits}, {@code CallSid},
 * ...) to the Gather's {@code action}, signed as its status callbacks are. Sent halfway through the answered call.
 */
final class TwilioKeypresses {
    private static final System.Logger LOG = System.getLogger(TwilioKeypresses.class.getName());
    private final Supplier<SimulatorSettings> settings;
    private final StatusCallbacks callbacks;

    TwilioKeypresses(Supplier<SimulatorSettings> settings, StatusCallbacks callbacks) {
        this.settings = settings;
        this.callbacks = callbacks;
    }

    /**
     * The absolute {@code action} of the first {@code <Gather>} that posts (Twilio's default method), or null: no
     * TwiML, TwiML that does not parse, no Gather, or one without an absolute http(s) action.
     */
    static String gatherAction(String twiml) {
        if (twiml == null) {
            return null;
        }
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            NodeList gathers = factory.newDocumentBuilder().parse(new ByteArrayInputStream(twiml.getBytes(StandardCharsets.UTF_8)))
                    .getElementsByTagName("Gather");
            for (int i = 0; i < gathers.getLength(); i++) {
                Element gather = (Element) gathers.item(i);
                String action = gather.getAttribute("action");
                String method = gather.getAttribute("method");
                URI uri = action.isEmpty() ? null : URI.create(action);
                if (uri != null && uri.isAbsolute() && uri.getScheme().startsWith("http")
                        && (method.isEmpty() || method.equalsIgnoreCase("POST"))) {
                    return action;
                }
            }
        } catch (Exception unreadable) {
            LOG.log(System.Logger.Level.INFO, "TwiML without a usable <Gather>: " + unreadable);
        }
        return null;
    }

    /** Presses {@code call.keyPressed()} halfway through the answered call. */
    void schedule(TwilioCall call, String action, TwilioVoice.Credentials account) {
        SimulatorSettings s = settings.get();
        long at = s.ringAfterMs() + s.answerAfterMs() + s.talkMs() / 2;
        callbacks.schedule(at, () -> {
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("AccountSid", account.accountSid());
            parameters.put("ApiVersion", "2010-04-01");
            parameters.put("CallSid", call.sid());
            parameters.put("CallStatus", "in-progress");
            parameters.put("Called", call.to());
            parameters.put("Caller", call.from());
            parameters.put("Digits", call.keyPressed());
            parameters.put("Direction", "outbound-api");
            parameters.put("FinishedOnKey", "");
            parameters.put("From", call.from());
            parameters.put("To", call.to());
            List<String> pairs = new ArrayList<>();
            parameters.forEach((name, value) -> pairs.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(value, StandardCharsets.UTF_8)));
            return new StatusCallbacks.Callback(URI.create(action), Map.of(
                    "Content-Type", "application/x-www-form-urlencoded",
                    "X-Twilio-Signature", TwilioStatusCallbacks.signature(account.authToken(), action, parameters)),
                    String.join("&", pairs));
        });
    }
}
