package io.callscheduler.localcloud;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.ConfigurationFactory;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.impl.ContextDataFactory;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.SimpleMessage;
import org.apache.logging.log4j.util.StringMap;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local cloud's text log (log4j2-local.xml) as it is shipped: a value that carries a newline or a terminal's
 * escape sequence (a callback's query, a header) stays inside its one line and cannot forge another.
 */
class LocalLogLinesTest {

    private static String lineFor(String message, String callId) throws IOException {
        try (InputStream xml = LocalLogLinesTest.class.getClassLoader().getResourceAsStream("log4j2-local.xml")) {
            assertThat(xml).as("log4j2-local.xml on the classpath").isNotNull();
            LoggerContext context = new LoggerContext("local-log-lines-test");
            Configuration config = ConfigurationFactory.getInstance().getConfiguration(context, new ConfigurationSource(xml));
            config.initialize();
            Appender text = config.getAppender("Text");
            StringMap fields = ContextDataFactory.createContextData();
            if (callId != null) {
                fields.putValue("call_id", callId);
            }
            var event = Log4jLogEvent.newBuilder().setLoggerName("io.callscheduler.entrypoints.WebhookHandler")
                    .setLevel(Level.WARN).setMessage(new SimpleMessage(message)).setContextData(fields).build();
            return (String) text.getLayout().toSerializable(event);
        }
    }

    @Test
    void aNewlineInAMessageCannotStartALineOfItsOwn() throws IOException {
        String line = lineFor("callback refused: bad signature for x\n08:00:00 INFO  CallService: call 42 COMPLETED", null);

        assertThat(line.indexOf('\n')).as("the only newline ends the line").isEqualTo(line.length() - 1);
        assertThat(line).contains("bad signature for x\\n08:00:00 INFO  CallService: call 42 COMPLETED");
    }

    @Test
    void aCarriageReturnOrATerminalEscapeInACallIdOrAMessageIsEscaped() throws IOException {
        String line = lineFor("refused\r\u001b[2Jcleared", "id\u001b[31m\nforged");

        assertThat(line.chars().filter(c -> c < 0x20).toArray()).as("control characters left").containsExactly('\n');
        assertThat(line).contains("call id?[31m\\nforged ").contains("refused\\r?[2Jcleared");
    }

    @Test
    void unicodeLineBreaksAndC1ControlsAreEscapedToo() throws IOException {
        String line = lineFor("a\u0085b\u2028c\u2029d\u009be", null);

        assertThat(line).contains("a?b?c?d?e");
    }
}
