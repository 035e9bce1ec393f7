package io.callscheduler.events.delivery;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeliveryMessageJsonTest {
    private final Instant now = Clock.systemUTC().instant();

    @Test
    void aMessageReadsBackAsItWasWrittenWithItsBodyByteForByte() {
        var first = DeliveryMessage.first("ep_1", "msg_abc", "call.completed", "{\"type\":\"call.completed\",\"data\":{\"n\":\"é\"}}", now);
        var retry = first.nextAttemptAt(now.plusSeconds(3600));

        assertThat(DeliveryMessageJson.read(DeliveryMessageJson.write(first))).isEqualTo(first);
        assertThat(DeliveryMessageJson.read(DeliveryMessageJson.write(retry))).isEqualTo(retry);
        assertThat(retry.attempt()).isEqualTo(2);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.toString()).doesNotContain("é");
    }

    @Test
    void aBodyThatIsNotADeliveryMessageIsRefused() {
        assertThatThrownBy(() -> DeliveryMessageJson.read("{\"endpointId\":\"ep_1\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("webhookId");
        assertThatThrownBy(() -> DeliveryMessageJson.read("not json")).isInstanceOf(IllegalArgumentException.class);
    }
}
