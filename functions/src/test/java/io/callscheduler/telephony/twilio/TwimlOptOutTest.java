package io.callscheduler.telephony.twilio;

import com.twilio.http.HttpMethod;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Gather;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Say;
import io.callscheduler.model.CallScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The opt-out after the message, checked against Twilio's own TwiML builder: our document and the one
 * {@link VoiceResponse} builds from the same parts are the same XML tree (elements, attributes, text).
 */
public class TwimlOptOutTest {
    private static final String ACTION = "https://abc.execute-api.us-east-1.amazonaws.com/Prod/webhooks/twilio/opt-out?callId=c-1";

    @ParameterizedTest
    @CsvSource({"9, Press 9 to stop these calls.", "*, Press star to stop these calls.", "#, Press pound to stop these calls."})
    void theOptOutIsAGatherOfOneKeyPostingToOurActionAfterTheMessage(String digit, String prompt) throws Exception {
        String message = "Your appointment </Say><Dial>+19005550100</Dial> & more";
        CallScript script = new CallScript(null, message, "Polly.Joanna", "en-US", null);

        String ours = Twiml.say(script, new Twiml.OptOut(digit, ACTION));

        String twilios = new VoiceResponse.Builder()
                .say(new Say.Builder(message).voice(Say.Voice.POLLY_JOANNA).language(Say.Language.EN_US).build())
                .gather(new Gather.Builder().numDigits(1).action(ACTION).method(HttpMethod.POST)
                        .say(new Say.Builder(prompt).voice(Say.Voice.POLLY_JOANNA).language(Say.Language.EN_US).build())
                        .build())
                .build().toXml();
        assertSameTree(ours, twilios);
    }

    @Test
    void anActionUrlWithAmpersandsAndApostrophesIsEscapedAsTwiliosBuilderEscapesIt() throws Exception {
        String url = "https://x.example/Prod/webhooks/twilio/opt-out?callId=a&round=2&note='x'";

        assertSameTree(Twiml.say(CallScript.NONE, new Twiml.OptOut("9", url)), new VoiceResponse.Builder()
                .say(new Say.Builder(Twiml.DEFAULT_MESSAGE).build())
                .gather(new Gather.Builder().numDigits(1).action(url).method(HttpMethod.POST)
                        .say(new Say.Builder("Press 9 to stop these calls.").build()).build())
                .build().toXml());
    }

    @Test
    void anActionUrlWithMarkupInItStaysOneAttribute() throws Exception {
        // Twilio's builder drops an action that is no URI at all, so this one is checked on the parsed document alone.
        String hostile = "https://x.example/opt-out?callId=a\"><Dial>+19005550100</Dial><x a=\"";

        Document parsed = parse(Twiml.say(CallScript.NONE, new Twiml.OptOut("9", hostile)));

        assertThat(parsed.getElementsByTagName("Dial").getLength()).isZero();
        assertThat(parsed.getElementsByTagName("Gather").item(0).getAttributes().getNamedItem("action").getNodeValue())
                .isEqualTo(hostile);
    }

    @Test
    void withoutAnOptOutThereIsNoGather() throws Exception {
        assertThat(parse(Twiml.say(CallScript.NONE, null)).getElementsByTagName("Gather").getLength()).isZero();
    }

    @Test
    void theWebhooksAnswerSaysItsSentenceAndHangsUp() throws Exception {
        assertSameTree(Twiml.sayAndHangUp("You will not be called again. Goodbye."), new VoiceResponse.Builder()
                .say(new Say.Builder("You will not be called again. Goodbye.").build())
                .hangup(new Hangup.Builder().build()).build().toXml());
    }

    /** Whether two TwiML documents are the same XML tree (attribute order aside). */
    public static void assertSameTree(String ours, String reference) throws Exception {
        Document a = parse(ours);
        Document b = parse(reference);
        a.normalizeDocument();
        b.normalizeDocument();
        assertThat(a.getDocumentElement().isEqualNode(b.getDocumentElement()))
                .as("ours:%n%s%nTwilio's:%n%s", ours, reference).isTrue();
    }

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
