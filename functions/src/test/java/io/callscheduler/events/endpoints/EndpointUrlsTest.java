package io.callscheduler.events.endpoints;

import io.callscheduler.domain.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SSRF refusals, with a resolver the test controls (and the system's for literal addresses and localhost). */
class EndpointUrlsTest {
    /** Names as an attacker would point them: at loopback, at the metadata service, at a private network. */
    private static final Map<String, List<String>> DNS = Map.of(
            "hooks.example.com", List.of("93.184.215.14"),
            "rebound.example.com", List.of("127.0.0.1"),
            "metadata.example.com", List.of("169.254.169.254"),
            "metadata6.example.com", List.of("fd00:ec2::254"),
            "intranet.example.com", List.of("10.1.2.3"),
            "split.example.com", List.of("93.184.215.14", "192.168.1.10"),
            "v6.example.com", List.of("2606:2800:21f:cb07:6820:80da:af6b:8b2c"));
    private static final EndpointUrls.Resolver FAKE_DNS = host -> {
        List<String> addresses = DNS.get(host);
        if (addresses == null) {
            return InetAddress.getAllByName(host); // literals resolve to themselves, without DNS
        }
        InetAddress[] resolved = new InetAddress[addresses.size()];
        for (int i = 0; i < resolved.length; i++) {
            resolved[i] = InetAddress.getByName(addresses.get(i));
        }
        return resolved;
    };
    private final EndpointUrls onAws = new EndpointUrls(FAKE_DNS, false);
    private final EndpointUrls local = new EndpointUrls(FAKE_DNS, true);

    @Test
    void aPublicHttpsUrlIsAccepted() {
        assertThat(onAws.check("https://hooks.example.com/calls?team=ops").toString())
                .isEqualTo("https://hooks.example.com/calls?team=ops");
        assertThat(onAws.check("https://v6.example.com/").getHost()).isEqualTo("v6.example.com");
    }

    @Test
    void aNameThatResolvesToLoopbackOrTheMetadataServiceIsRefusedNamingTheAddress() {
        assertRefused(onAws, "https://rebound.example.com/hook", "FORBIDDEN_ADDRESS", "127.0.0.1", "loopback");
        assertRefused(onAws, "https://metadata.example.com/latest/meta-data", "FORBIDDEN_ADDRESS", "169.254.169.254", "link-local");
        assertRefused(onAws, "https://metadata6.example.com/", "FORBIDDEN_ADDRESS", "fd00:ec2:0:0:0:0:0:254", "unique-local");
        assertRefused(onAws, "https://intranet.example.com/", "FORBIDDEN_ADDRESS", "10.1.2.3", "private");
    }

    @Test
    void oneForbiddenAddressAmongPublicOnesRefusesTheName() {
        assertRefused(onAws, "https://split.example.com/", "FORBIDDEN_ADDRESS", "192.168.1.10", "private");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.1/", "https://localhost/", "https://[::1]/", "https://0.0.0.0/",
            "https://[::]/", "https://169.254.169.254/", "https://[fd00:ec2::254]/", "https://172.16.0.1/",
            "https://192.168.0.1/", "https://100.64.0.1/", "https://224.0.0.1/", "https://[ff02::1]/",
            "https://[fe80::1]/", "https://[::ffff:127.0.0.1]/", "https://[::ffff:169.254.169.254]/",
            "https://[64:ff9b::a9fe:a9fe]/", "https://[2002:7f00:1::]/", "https://2130706433/", "https://0x7f.1/"})
    void everyNonPublicAddressIsRefusedOnAws(String url) {
        assertThatThrownBy(() -> onAws.check(url)).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).field()).isEqualTo("url"))
                .satisfies(e -> assertThat(((ValidationException) e).code()).isIn("FORBIDDEN_ADDRESS", "UNRESOLVABLE_HOST", "INVALID_URL"));
    }

    @Test
    void onAwsOnlyHttpsWithoutCredentialsOrFragment() {
        assertRefused(onAws, "http://hooks.example.com/", "INSECURE_URL", "https");
        assertRefused(onAws, "ftp://hooks.example.com/", "INVALID_URL", "https");
        assertRefused(onAws, "hooks.example.com/path", "INVALID_URL", "absolute");
        assertRefused(onAws, "https://user:pw@hooks.example.com/", "INVALID_URL", "credentials");
        assertRefused(onAws, "https://hooks.example.com/#x", "INVALID_URL", "fragment");
        assertRefused(onAws, "https://hooks example.com/", "INVALID_URL", "not a valid URL");
        assertRefused(onAws, "https://nowhere.invalid/", "UNRESOLVABLE_HOST", "does not resolve");
        assertRefused(onAws, null, "MISSING_FIELD", "required");
        assertRefused(onAws, "https://hooks.example.com:70000/", "INVALID_URL", "port must be from 1 to 65535");
        assertRefused(onAws, "https://hooks.example.com:0/", "INVALID_URL", "port must be from 1 to 65535");
        assertRefused(onAws, "https://hooks.example.com/" + "a".repeat(EndpointUrls.MAX_LENGTH), "TOO_LONG", "2048");
    }

    @Test
    void locallyHttpAndLoopbackAreAllowedButPrivateNetworksAndMetadataAreNot() {
        assertThat(local.check("http://127.0.0.1:8099/hook").getPort()).isEqualTo(8099);
        assertThat(local.check("http://localhost:8099/hook").getHost()).isEqualTo("localhost");
        assertThat(local.check("http://rebound.example.com/").getHost()).isEqualTo("rebound.example.com");
        assertRefused(local, "http://metadata.example.com/", "FORBIDDEN_ADDRESS", "169.254.169.254");
        assertRefused(local, "http://intranet.example.com/", "FORBIDDEN_ADDRESS", "10.1.2.3");
    }

    @Test
    void theDeliveryRechecksTheAddressesItIsAboutToUse() throws UnknownHostException {
        // Registered while public, re-pointed at loopback since (DNS rebinding): refused at delivery.
        onAws.checkAddresses("hooks.example.com", List.of(InetAddress.getByName("93.184.215.14")));
        assertThatThrownBy(() -> onAws.checkAddresses("hooks.example.com", List.of(InetAddress.getByName("127.0.0.1"))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("loopback");
    }

    private static void assertRefused(EndpointUrls urls, String url, String code, String... reason) {
        assertThatThrownBy(() -> urls.check(url)).isInstanceOf(ValidationException.class)
                .hasMessageContainingAll(reason)
                .satisfies(e -> assertThat(((ValidationException) e).field()).isEqualTo("url"))
                .satisfies(e -> assertThat(((ValidationException) e).code()).isEqualTo(code));
    }
}
