package io.callscheduler.telephony.twilio;

import io.callscheduler.model.CallScript;
import io.callscheduler.optout.OptOutDigits;

/**
 * The TwiML a call runs: the message spoken with {@code <Say>}, then, with an opt-out digit, "Press 9 to stop these
 * calls." inside a {@code <Gather>} whose action is our opt-out webhook. Everything is escaped for XML, so any markup in
 * the message ({@code </Say><Dial>...}) is spoken as text, never executed. Without a key pressed the {@code <Gather>}
 * times out (Twilio's 5 s), the document ends and Twilio hangs up.
 */
public final class Twiml {
    /** Spoken when a call was scheduled without a message, so that the callee hears why the phone rang. */
    public static final String DEFAULT_MESSAGE = "Hello. This is your scheduled call.";

    private Twiml() {
    }

    /**
     * The opt-out offered after the message.
     *
     * @param digit     the key to press: 0-9, * or #
     * @param actionUrl where Twilio posts the key pressed (our {@code /webhooks/twilio/opt-out?callId=...})
     */
    public record OptOut(String digit, String actionUrl) {
        public OptOut {
            java.util.Objects.requireNonNull(digit, "digit");
            java.util.Objects.requireNonNull(actionUrl, "actionUrl");
        }

        /** What the callee hears: "Press 9 to stop these calls." */
        public String prompt() {
            return "Press " + OptOutDigits.spoken(digit) + " to stop these calls.";
        }
    }

    public static String say(CallScript script) {
        return say(script, null);
    }

    /** @param optOut the opt-out to offer after the message, or null for none */
    public static String say(CallScript script, OptOut optOut) {
        String message = script.message() != null ? script.message() : DEFAULT_MESSAGE;
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>");
        say(xml, script, message);
        if (optOut != null) {
            xml.append("<Gather numDigits=\"1\" action=\"").append(escape(optOut.actionUrl()))
                    .append("\" method=\"POST\">");
            say(xml, script, optOut.prompt());
            xml.append("</Gather>");
        }
        return xml.append("</Response>").toString();
    }

    /** What the opt-out webhook answers: a short sentence (or none), then hang up. */
    public static String sayAndHangUp(String sentence) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>");
        if (sentence != null) {
            xml.append("<Say>").append(escape(sentence)).append("</Say>");
        }
        return xml.append("<Hangup/></Response>").toString();
    }

    private static void say(StringBuilder xml, CallScript script, String text) {
        xml.append("<Say");
        if (script.voice() != null) {
            xml.append(" voice=\"").append(escape(script.voice())).append('"');
        }
        if (script.language() != null) {
            xml.append(" language=\"").append(escape(script.language())).append('"');
        }
        xml.append('>').append(escape(text)).append("</Say>");
    }

    /** XML 1.0 text and attribute escaping; characters XML cannot carry at all become a space. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                case '\r' -> out.append("&#13;"); // a parser would turn a raw one into a line feed
                default -> {
                    boolean allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                            || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
                    out.appendCodePoint(allowed ? c : ' ');
                }
            }
        });
        return out.toString();
    }
}
