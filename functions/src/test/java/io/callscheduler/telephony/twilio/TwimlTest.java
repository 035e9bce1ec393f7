package io.callscheduler.telephony.twilio;

import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Say;
import io.callscheduler.model.CallScript;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile messages are spoken as text, never executed: whatever the message, the TwiML is one
 * {@code <Response>} with one {@code <Say>} whose text is the message, and it means the same as what
 * Twilio's own TwiML builder makes of the message.
 */
class TwimlTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "</Say><Dial>+19005550100</Dial><Say>",
            "<Dial>+19005550100</Dial>",
            "]]><Dial>+19005550100</Dial><![CDATA[",
            "<?xml version=\"1.0\"?><Response><Hangup/></Response>",
            "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>&e;",
            "&amp; &lt; &#x3C;Dial&#x3E; &unknown;",
            "\" voice=\"man\" language=\"de-DE",
            "' onload='x'",
            "<Redirect>https://evil.example/twiml</Redirect>",
            "<Play>https://evil.example/a.mp3</Play><Record/>",
            "Tom & Jerry <3 > you",
            "Ünïcödé, emoji 📞, RTL שלום",
            "line one\nline two\ttabbed\r",
    })
    void aHostileMessageIsOneSayOfItsOwnText(String message) throws Exception {
        CallScript script = new CallScript(null, message, "Polly.Joanna", "en-US", null);

        String twiml = Twiml.say(script);

        Element response = parse(twiml).getDocumentElement();
        assertThat(response.getTagName()).isEqualTo("Response");
        assertThat(elementChildren(response)).isEqualTo(1);
        Element say = (Element) response.getElementsByTagName("Say").item(0);
        assertThat(elementChildren(say)).as("markup inside <Say>").isZero();
        assertThat(say.getTextContent()).isEqualTo(message);
        assertThat(say.getAttribute("voice")).isEqualTo("Polly.Joanna");
        assertThat(say.getAttribute("language")).isEqualTo("en-US");
        assertThat(response.getElementsByTagName("Dial").getLength()).isZero();

        // Twilio's own builder, as the reference: the same document.
        String reference = new VoiceResponse.Builder().say(new Say.Builder(message).voice(Say.Voice.POLLY_JOANNA)
                .language(Say.Language.EN_US).build()).build().toXml();
        Element referenceSay = (Element) parse(reference).getDocumentElement().getElementsByTagName("Say").item(0);
        assertThat(say.getTextContent()).isEqualTo(referenceSay.getTextContent());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "\u0007", "\uFFFE"})
    void charactersXmlCannotCarryBecomeSpacesInsteadOfBreakingTheDocument(String character) throws Exception {
        String twiml = Twiml.say(new CallScript(null, "a" + character + "b", null, null, null));

        assertThat(parse(twiml).getDocumentElement().getTextContent()).isEqualTo("a b");
    }

    @org.junit.jupiter.api.Test
    void aCallWithoutAMessageSaysWhyThePhoneRang() throws Exception {
        String twiml = Twiml.say(CallScript.NONE);

        Element say = (Element) parse(twiml).getDocumentElement().getElementsByTagName("Say").item(0);
        assertThat(say.getTextContent()).isEqualTo(Twiml.DEFAULT_MESSAGE);
        assertThat(say.hasAttribute("voice")).isFalse();
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static int elementChildren(Element element) {
        int count = 0;
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.ELEMENT_NODE) {
                count++;
            }
        }
        return count;
    }
}
