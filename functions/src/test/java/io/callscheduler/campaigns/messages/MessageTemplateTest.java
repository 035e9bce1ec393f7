package io.callscheduler.campaigns.messages;

import io.callscheduler.domain.ValidationException;
import io.callscheduler.model.CallScript;
import io.callscheduler.telephony.twilio.Twiml;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class MessageTemplateTest {
    @Test
    void fieldsAreFilledFromTheContactsColumnsAndAMissingValueIsEmpty() {
        MessageTemplate template = MessageTemplate.forCampaign(
                "Hello {{contactName}}, your visit is on {{ appointment }}.{{notes}}", List.of("appointment"));

        assertThat(template.fields()).containsExactly("appointment", "contactName", "notes");
        assertThat(template.render(Map.of("contactName", "Ann", "appointment", "Tuesday", "notes", "")))
                .isEqualTo("Hello Ann, your visit is on Tuesday.");
        assertThat(template.render(Map.of())).isEqualTo("Hello , your visit is on .");
        assertThat(MessageTemplate.parse("No fields at all { } }}").render(Map.of("x", "y")))
                .isEqualTo("No fields at all { } }}");
    }

    @Test
    void aFieldThatIsNoColumnIsRefusedAtTheCampaignsCreation() {
        ValidationException cased = catchThrowableOfType(ValidationException.class,
                () -> MessageTemplate.forCampaign("Hi {{ContactName}}", List.of()));
        ValidationException unknown = catchThrowableOfType(ValidationException.class,
                () -> MessageTemplate.forCampaign("Hi {{contactName}}, at {{appointment}}", List.of("time")));

        assertThat(cased.field()).isEqualTo("message");
        assertThat(cased.code()).isEqualTo("UNKNOWN_TEMPLATE_FIELD");
        assertThat(cased.getMessage()).contains("did you mean {{contactName}}?");
        assertThat(unknown.getMessage()).startsWith("message uses {{appointment}}, which is not a contact column")
                .endsWith("the columns are phoneNumber, contactName, calleeTimeZone, notes, time");
    }

    @Test
    void bracesThatFormNoFieldAreRefused() {
        for (String message : List.of("Hi {{contactName", "Hi {{}}", "Hi {{ {{contactName}}")) {
            ValidationException e = catchThrowableOfType(ValidationException.class, () -> MessageTemplate.parse(message));
            assertThat(e.code()).as(message).isEqualTo("INVALID_MESSAGE_TEMPLATE");
            assertThat(e.field()).isEqualTo("message");
        }
    }

    @Test
    void aFilledMessageGoesThroughTheCallMessagesTwimlEscapingSoMarkupInACellIsSpokenNeverRun() throws Exception {
        String cell = "Tom & \"Jerry\" <Dial>+19005550100</Dial> 'Co'";
        String message = MessageTemplate.parse("Hello {{contactName}}.").render(Map.of("contactName", cell));

        // A campaign's contact becomes an ordinary call whose script's message is this text; Twilio's TwiML is
        // built from the script by the same code as every call's.
        String twiml = Twiml.say(new CallScript(null, message, "alice", "en-US", null));

        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(twiml.getBytes(StandardCharsets.UTF_8)));
        assertThat(xml.getElementsByTagName("Dial").getLength()).isZero();
        assertThat(xml.getElementsByTagName("Say").item(0).getTextContent()).isEqualTo("Hello " + cell + ".");
        assertThat(twiml).contains("Tom &amp; &quot;Jerry&quot; &lt;Dial&gt;");
    }
}
