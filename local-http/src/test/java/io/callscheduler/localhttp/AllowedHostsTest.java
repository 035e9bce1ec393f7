package io.callscheduler.localhttp;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

class AllowedHostsTest {
    @Test
    void aLoopbackServerAnswersToLoopbackNamesWithOrWithoutAPort() {
        AllowedHosts hosts = AllowedHosts.forBinding("127.0.0.1");

        assertThat(hosts.allows("localhost:4566")).isTrue();
        assertThat(hosts.allows("LOCALHOST")).isTrue();
        assertThat(hosts.allows("127.0.0.1:4566")).isTrue();
        assertThat(hosts.allows("[::1]:4566")).isTrue();
        assertThat(hosts.allows("[::1]")).isTrue();
        assertThat(hosts.allows("app.localhost:8080")).as("browsers resolve *.localhost to loopback themselves").isTrue();
    }

    @Test
    void aLoopbackServerRefusesEveryOtherName() {
        AllowedHosts hosts = AllowedHosts.forBinding("127.0.0.1");

        assertThat(hosts.allows("attacker.example")).isFalse();
        assertThat(hosts.allows("attacker.example:4566")).isFalse();
        assertThat(hosts.allows("localhost.attacker.example")).isFalse();
        assertThat(hosts.allows(".localhost")).isFalse();
        assertThat(hosts.allows("127.0.0.2")).isFalse();
        assertThat(hosts.allows("192.168.1.5:3000")).isFalse();
        assertThat(hosts.allows("")).isFalse();
        assertThat(hosts.allows(null)).as("no Host header").isFalse();
    }

    @Test
    void anotherBoundAddressIsAcceptedBesideLoopback() {
        AllowedHosts hosts = AllowedHosts.forBinding("192.168.1.5");

        assertThat(hosts.allows("192.168.1.5:3000")).isTrue();
        assertThat(hosts.allows("localhost:3000")).isTrue();
        assertThat(hosts.allows("192.168.1.6:3000")).isFalse();
        assertThat(AllowedHosts.forBinding("fe80::1").allows("[FE80::1]:3000")).isTrue();
    }

    @Test
    void aWildcardServerAnswersToThisMachinesAddressesAndNameOnly() throws Exception {
        AllowedHosts hosts = AllowedHosts.forBinding("0.0.0.0");

        assertThat(hosts.allows("127.0.0.1:3000")).isTrue();
        assertThat(hosts.allows(InetAddress.getLocalHost().getHostName() + ":3000")).isTrue();
        assertThat(hosts.allows("attacker.example:3000")).isFalse();
    }
}
