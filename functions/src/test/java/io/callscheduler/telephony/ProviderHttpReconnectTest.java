package io.callscheduler.telephony;

import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class ProviderHttpReconnectTest {
    /** After a SnapStart restore the provider's pooled connections are left with the old client. */
    @Test
    void reconnectSendsLaterRequestsThroughANewClient() {
        AtomicInteger built = new AtomicInteger();
        ProviderHttp http = new ProviderHttp(() -> {
            built.incrementAndGet();
            return HttpClient.newBuilder().build();
        });
        HttpClient beforeSnapshot = http.client();

        http.reconnect();

        assertThat(http.client()).isNotSameAs(beforeSnapshot);
        assertThat(built).hasValue(2);
    }
}
