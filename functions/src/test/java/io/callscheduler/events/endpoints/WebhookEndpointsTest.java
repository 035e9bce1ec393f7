package io.callscheduler.events.endpoints;

import io.callscheduler.events.signing.SigningKeys;
import io.callscheduler.store.Page;
import io.callscheduler.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The endpoints' rules on a clock the test controls, with the stores in memory (their adapters have their own tests). */
class WebhookEndpointsTest {
    private static final Instant START = Instant.now().truncatedTo(ChronoUnit.HOURS);
    private final MutableClock clock = new MutableClock(START);
    private final Map<String, SigningKeys> secrets = new HashMap<>();
    private final SigningSecretStore secretStore = new SigningSecretStore() {
        @Override
        public void create(String endpointId, SigningKeys keys) {
            secrets.put(endpointId, keys);
        }

        @Override
        public SigningKeys read(String endpointId) {
            SigningKeys keys = secrets.get(endpointId);
            if (keys == null) {
                throw new EndpointNotFoundException(endpointId);
            }
            return keys;
        }

        @Override
        public void put(String endpointId, SigningKeys keys) {
            secrets.put(endpointId, keys);
        }

        @Override
        public void delete(String endpointId) {
            secrets.remove(endpointId);
        }
    };
    private final InMemoryStore store = new InMemoryStore();
    private final EndpointUrls urls = new EndpointUrls(host -> new InetAddress[]{InetAddress.getByName("127.0.0.1")}, true);
    private final WebhookEndpoints endpoints = new WebhookEndpoints(store, secretStore, urls, EndpointHealthReset.NONE, clock);

    @Test
    void anEndpointWhoseItemCannotBeWrittenLeavesNoSecretBehind() {
        store.failWrites = true;

        assertThatThrownBy(() -> endpoints.create("http://localhost:9/h", null, null)).hasMessageContaining("table down");
        assertThat(secrets).isEmpty();
    }

    @Test
    void thePreviousSecretSignsUntilADayAfterTheRotation() {
        WebhookEndpoints.Created created = endpoints.create("http://localhost:9/h", List.of("call.failed"), null);
        String id = created.endpoint().id();
        clock.advance(Duration.ofHours(3));

        WebhookEndpoints.Rotated rotated = endpoints.rotateSecret(id);

        assertThat(rotated.previousSecretExpiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(24)));
        assertThat(endpoints.signingSecrets(id)).containsExactly(rotated.secret(), created.secret());
        clock.advance(Duration.ofHours(24).minusSeconds(1));
        assertThat(endpoints.signingSecrets(id)).containsExactly(rotated.secret(), created.secret());
        clock.advance(Duration.ofSeconds(1));
        assertThat(endpoints.signingSecrets(id)).containsExactly(rotated.secret());
        assertThat(created.toString()).doesNotContain(created.secret());
        assertThat(rotated.toString()).doesNotContain(rotated.secret());
    }

    @Test
    void aDisabledEndpointWantsNothingAndStarWantsEveryType() {
        WebhookEndpoint all = endpoints.create("http://localhost:9/all", null, null).endpoint();
        WebhookEndpoint some = endpoints.create("http://localhost:9/some", List.of("call.failed"), null).endpoint();

        assertThat(all.wants("campaign.completed")).isTrue();
        assertThat(some.wants("call.failed")).isTrue();
        assertThat(some.wants("call.completed")).isFalse();
        WebhookEndpoint disabled = endpoints.edit(all.id(), new WebhookEndpoints.Edit(null, null, null, false, true));
        assertThat(disabled.disabled()).isTrue();
        assertThat(disabled.wants("call.failed")).as("still subscribed: the delivery skips it, recoverably").isTrue();
        assertThat(disabled.updatedAt()).isEqualTo(clock.instant());
        assertThat(disabled.version()).isEqualTo(all.version() + 1);
    }

    /** Versions and rotation claims as the DynamoDB adapter keeps them, in memory. */
    private static final class InMemoryStore implements EndpointStore {
        final Map<String, WebhookEndpoint> items = new HashMap<>();
        final Map<String, Long> rotations = new HashMap<>();
        boolean failWrites;

        @Override
        public void create(WebhookEndpoint endpoint) {
            if (failWrites) {
                throw new IllegalStateException("table down");
            }
            items.put(endpoint.id(), endpoint);
            rotations.put(endpoint.id(), 0L);
        }

        @Override
        public Optional<WebhookEndpoint> find(String id) {
            return Optional.ofNullable(items.get(id));
        }

        @Override
        public void update(WebhookEndpoint endpoint, long expectedVersion) {
            if (items.get(endpoint.id()).version() != expectedVersion) {
                throw new EndpointChangedException("changed");
            }
            items.put(endpoint.id(), endpoint);
        }

        @Override
        public boolean delete(String id) {
            return items.remove(id) != null;
        }

        @Override
        public Page<WebhookEndpoint> page(int limit, String nextToken) {
            return new Page<>(List.copyOf(items.values()), null);
        }

        @Override
        public boolean claimRotation(String id, long rotation, Instant now, Instant staleBefore) {
            if (rotations.get(id) != rotation - 1) {
                return false;
            }
            rotations.put(id, rotation);
            return true;
        }
    }
}
