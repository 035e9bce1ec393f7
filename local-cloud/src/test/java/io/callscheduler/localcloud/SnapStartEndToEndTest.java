package io.callscheduler.localcloud;

import io.callscheduler.localcloud.testing.LocalCloudExtension;
import io.callscheduler.localcloud.testing.RunningCloud;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With SnapStart on (the default) every function is reached through its alias {@code live}: "call now" invokes
 * {@code ...:function:<stack>-dispatch:live} directly and each call's schedule targets it. Both are dialed.
 * {@link SnapStartOffEndToEndTest} runs the same with {@code SnapStart=false}.
 */
class SnapStartEndToEndTest {
    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension();

    @Test
    void callsNowAndScheduledAreDialedThroughTheDispatchAlias() {
        dialsThroughTheAlias(cloud.app(), true);
    }

    static void dialsThroughTheAlias(RunningCloud app, boolean snapStart) {
        assertThat(app.cloud.template().functions()).allSatisfy(f -> {
            assertThat(f.alias()).isEqualTo("live");
            assertThat(f.snapStart()).isEqualTo(snapStart);
        });
        assertThat(app.cloud.template().functions().get(0).environment().get("DISPATCH_FUNCTION_ARN")).endsWith("-dispatch:live");

        String now = app.create("+14155550170", null).path("id").asText();
        String scheduled = app.create("+14155550171", Instant.now().plus(Duration.ofSeconds(3))).path("id").asText();

        await().atMost(Duration.ofSeconds(30)).until(() -> app.status(now).equals("COMPLETED"));
        await().atMost(Duration.ofSeconds(30)).until(() -> app.status(scheduled).equals("COMPLETED"));
        assertThat(app.placed(now)).isEqualTo(1);
        assertThat(app.placed(scheduled)).isEqualTo(1);
    }
}

/** {@code --parameter-overrides SnapStart=false}: no snapshots, the same alias and ARNs, the same dials. */
class SnapStartOffEndToEndTest {
    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension(Map.of("SnapStart", "false"));

    @Test
    void callsNowAndScheduledAreDialedThroughTheDispatchAlias() {
        SnapStartEndToEndTest.dialsThroughTheAlias(cloud.app(), false);
    }
}
