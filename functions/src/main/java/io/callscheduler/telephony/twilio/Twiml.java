package io.callscheduler.telephony.twilio;

import io.callscheduler.model.CallScript;

/**
 * The TwiML a call runs: the message spoken with {@code <Say>}. The message is escaped for XML, so any markup
 * in it ({@code </Say><Dial>...}) is spoken as text, never executed.
 */
public final class Twiml {
    /** Spoken when a call was scheduled without a message, so that the callee hears why the phone rang. */
    public static final String DEFAULT_MESSAGE = "Hello. This is your scheduled call.";

    private Twiml() {
    }

    public static String say(CallScript script) {
        String message = script.message() != null ? script.message() : DEFAULT_MESSAGE;
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Say");
        if (script.voice() != null) {
            xml.append(" voice=\"").append(escape(script.voice())).append('"');
        }
        if (script.language() != null) {
            xml.append(" language=\"").append(escape(script.language())).append('"');
        }
        return xml.append('>').append(escape(message)).append("</Say></Response>").toString();
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
