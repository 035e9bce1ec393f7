package io.callscheduler.domain;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a call may say: TwiML only from the hosts a deployment trusts. */
class CallScriptsTest {
    private static final CallScripts.ScriptRules TRUSTING = new CallScripts.ScriptRules(null, Set.of(),
            Set.of("twiml.example.com", "169.254.169.254", "localhost"));

    private static NewCallRequest withTwiml(String url) {
        return new NewCallRequest("+14155550100", null, null, null, null, null, null, null, null, url, null, null);
    }

    @Test
    void aTwimlUrlOnATrustedHostIsKept() {
        assertThat(CallScripts.validate(withTwiml("https://TWIML.example.com/greeting.xml"), TRUSTING).twimlUrl())
                .isEqualTo("https://TWIML.example.com/greeting.xml");
    }

    @Test
    void withNoTrustedHostTwimlIsOffAndSaysHowToTurnItOn() {
        assertThatThrownBy(() -> CallScripts.validate(withTwiml("https://twiml.example.com/t.xml"), CallScripts.ScriptRules.NONE))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("twimlUrl");
                    assertThat(e.code()).isEqualTo("TWIML_HOST_NOT_ALLOWED");
                    assertThat(e.getMessage()).contains("AllowedTwimlHosts");
                });
    }

    @Test
    void anUntrustedHostAnIpLiteralOrLocalhostIsRefusedEvenWhenListed() {
        for (String url : new String[]{"https://attacker.example/dial.xml", "https://169.254.169.254/t.xml",
                "https://localhost/t.xml", "https://[::1]/t.xml", "https://twiml.example.com.attacker.example/t.xml"}) {
            assertThatThrownBy(() -> CallScripts.validate(withTwiml(url), TRUSTING)).as(url)
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.code()).isEqualTo("TWIML_HOST_NOT_ALLOWED"));
        }
    }
}
