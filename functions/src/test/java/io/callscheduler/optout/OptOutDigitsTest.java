package io.callscheduler.optout;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.callscheduler.config.AppConfig;
import io.callscheduler.domain.ValidationException;
import io.callscheduler.testing.LocalAws;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The opt-out key: the template's AllowedPattern, the deployment's setting and a campaign's field agree on what it may be. */
class OptOutDigitsTest {

    @Test
    void theTemplateTheConfigAndTheCampaignFieldAcceptExactlyTheSameKeys() throws Exception {
        Pattern allowed = Pattern.compile(new ObjectMapper(new YAMLFactory()).readTree(LocalAws.templatePath().toFile())
                .path("Parameters").path("OptOutDigit").path("AllowedPattern").asText());
        assertThat(allowed.matcher("").matches()).as("empty: off").isTrue();
        for (char c = 0x20; c < 0x7f; c++) {
            String key = String.valueOf(c);
            boolean valid = "0123456789*#".indexOf(c) >= 0;
            assertThat(allowed.matcher(key).matches()).as("template, %s", key).isEqualTo(valid);
            if (valid) {
                assertThat(new AppConfig(Map.of("OPT_OUT_DIGIT", key)).optOutDigit()).isEqualTo(key);
                assertThat(OptOutDigits.read("optOutDigit", key)).isEqualTo(key);
            } else if (c != ' ') {
                assertThatThrownBy(() -> new AppConfig(Map.of("OPT_OUT_DIGIT", key)).optOutDigit())
                        .isInstanceOf(IllegalStateException.class).hasMessageContaining("OPT_OUT_DIGIT");
                assertThatThrownBy(() -> OptOutDigits.read("optOutDigit", key)).isInstanceOfSatisfying(
                        ValidationException.class, e -> assertThat(e.field()).isEqualTo("optOutDigit"));
            }
        }
        assertThat(allowed.matcher("99").matches()).isFalse();
        assertThatThrownBy(() -> new AppConfig(Map.of("OPT_OUT_DIGIT", "99")).optOutDigit()).isInstanceOf(IllegalStateException.class);
        assertThat(new AppConfig(Map.of()).optOutDigit()).as("unset: off").isNull();
        assertThat(new AppConfig(Map.of("OPT_OUT_DIGIT", "")).optOutDigit()).as("the template's default: off").isNull();
    }
}
