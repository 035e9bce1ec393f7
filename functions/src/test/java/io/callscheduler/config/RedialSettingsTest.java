package io.callscheduler.config;

import io.callscheduler.redial.RedialPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The deployment's redial settings against its harassment limits (RedialAfterMinutesFloor, RedialAttemptsCeiling). */
class RedialSettingsTest {

    @Test
    void aDeploymentRedialWiderThanTheLimitsIsNarrowedToThemNotRefused() {
        // A stack upgraded with RedialMaxAttempts 8 and RedialAfterMinutes 0.5: its functions must keep answering.
        AppConfig config = new AppConfig(Map.of("REDIAL_ON", "BUSY", "REDIAL_MAX_ATTEMPTS", "8", "REDIAL_AFTER_MINUTES", "0.5"));

        RedialPolicy policy = config.redialPolicy();

        assertThat(policy.maxAttempts()).isEqualTo(5);
        assertThat(policy.after()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void theLimitsAreTheDeploymentsToSet() {
        AppConfig config = new AppConfig(Map.of("REDIAL_ON", "BUSY", "REDIAL_MAX_ATTEMPTS", "8", "REDIAL_AFTER_MINUTES", "0.5",
                "REDIAL_AFTER_MINUTES_FLOOR", "0.25", "REDIAL_ATTEMPTS_CEILING", "10"));

        assertThat(config.redialPolicy().maxAttempts()).isEqualTo(8);
        assertThat(config.redialPolicy().after()).isEqualTo(Duration.ofSeconds(30));
        assertThatThrownBy(() -> new AppConfig(Map.of("REDIAL_AFTER_MINUTES_FLOOR", "0.01")).redialLimits())
                .hasMessageContaining("RedialAfterMinutesFloor");
    }
}
