package io.callscheduler.events.endpoints;

import io.callscheduler.domain.CallRules;
import io.callscheduler.domain.PageSizes;
import io.callscheduler.domain.ValidationException;
import io.callscheduler.events.signing.SigningKeys;
import io.callscheduler.events.signing.SigningSecret;
import io.callscheduler.store.InvalidPageTokenException;
import io.callscheduler.store.Page;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The webhook endpoints as the API manages them: each registered with a URL checked by {@link EndpointUrls}, the
 * event types it wants and a signing secret that is answered once, at creation (and at each rotation), and kept in
 * the {@link SigningSecretStore}, never with the endpoint.
 */
public final class WebhookEndpoints {
    public static final int MAX_DESCRIPTION = 500;
    /**
     * A rotation claimed this long ago and never finished was abandoned (its function timed out: 20 s at most), so
     * another may take its place; a younger one is in progress.
     */
    static final Duration ABANDONED_ROTATION = Duration.ofMinutes(1);

    private final EndpointStore store;
    private final SigningSecretStore secrets;
    private final EndpointUrls urls;
    private final EndpointHealthReset health;
    private final Clock clock;

    /** @param health the delivery's failing streaks, cleared when an endpoint is enabled again */
    public WebhookEndpoints(EndpointStore store, SigningSecretStore secrets, EndpointUrls urls, EndpointHealthReset health,
                            Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.urls = Objects.requireNonNull(urls, "urls");
        this.health = Objects.requireNonNull(health, "health");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A new endpoint and its signing secret, which nothing answers again. */
    public record Created(WebhookEndpoint endpoint, String secret) {
        @Override
        public String toString() {
            return "Created[" + endpoint + "]";
        }
    }

    /** A new secret and until when the previous one still signs. */
    public record Rotated(String secret, Instant previousSecretExpiresAt) {
        @Override
        public String toString() {
            return "Rotated[previousSecretExpiresAt=" + previousSecretExpiresAt + "]";
        }
    }

    /**
     * An edit: null members are left as they are; {@code clearDescription} removes the description.
     */
    public record Edit(String url, List<String> events, String description, boolean clearDescription, Boolean disabled) {
    }

    /**
     * Registers an endpoint: the secret is stored first, so that no endpoint exists without one; if the endpoint
     * cannot be written, its secret is deleted again.
     *
     * @param events null for every type
     * @throws ValidationException naming the field at fault; nothing is written then
     */
    public Created create(String url, List<String> events, String description) {
        String checkedUrl = urls.check(url).toString();
        List<String> subscription = EventTypes.subscription(events);
        String text = CallRules.optionalText("description", description, MAX_DESCRIPTION);
        Instant now = clock.instant();
        WebhookEndpoint endpoint = new WebhookEndpoint(UUID.randomUUID().toString(), checkedUrl, subscription, text,
                false, now, now, 1);
        String secret = SigningSecret.generate();
        secrets.create(endpoint.id(), SigningKeys.first(secret));
        try {
            store.create(endpoint);
        } catch (RuntimeException e) {
            try {
                secrets.delete(endpoint.id());
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        return new Created(endpoint, secret);
    }

    public WebhookEndpoint get(String id) {
        return store.find(id).orElseThrow(() -> new EndpointNotFoundException(id));
    }

    /** @throws ValidationException for a limit outside 1..200 or a foreign token */
    public Page<WebhookEndpoint> list(String limit, String nextToken) {
        int size = PageSizes.parse(limit);
        try {
            return store.page(size, nextToken == null || nextToken.isEmpty() ? null : nextToken);
        } catch (InvalidPageTokenException e) {
            throw new ValidationException("nextToken", "INVALID_TOKEN", "nextToken is not valid here: " + e.getMessage()
                    + "; start again without it");
        }
    }

    /**
     * Applies an edit to the endpoint as read; a new URL is checked as at creation. Enabling a disabled endpoint
     * clears its failing streak first (a failed write then leaves it disabled, and the PATCH can simply be repeated).
     *
     * @throws EndpointChangedException when another edit came between the read and the write
     */
    public WebhookEndpoint edit(String id, Edit edit) {
        WebhookEndpoint current = get(id);
        String url = edit.url() == null ? current.url() : urls.check(edit.url()).toString();
        List<String> events = edit.events() == null ? current.events() : EventTypes.subscription(edit.events());
        String description = edit.clearDescription() ? null : edit.description() == null ? current.description()
                : CallRules.optionalText("description", edit.description(), MAX_DESCRIPTION);
        boolean disabled = edit.disabled() == null ? current.disabled() : edit.disabled();
        if (current.disabled() && !disabled) {
            health.reset(id);
        }
        WebhookEndpoint edited = new WebhookEndpoint(id, url, events, description, disabled, current.createdAt(),
                clock.instant(), current.version() + 1);
        store.update(edited, current.version());
        return edited;
    }

    /** Deletes the endpoint, then its secret (an endpoint never outlives its secret). */
    public void delete(String id) {
        if (!store.delete(id)) {
            throw new EndpointNotFoundException(id);
        }
        secrets.delete(id);
    }

    /**
     * A new signing secret; the previous one signs too for {@link SigningKeys#OVERLAP}. Two rotations at once: the
     * second is refused rather than one new secret silently lost.
     *
     * @throws EndpointChangedException while another rotation of the endpoint is in progress
     */
    public Rotated rotateSecret(String id) {
        get(id);
        SigningKeys keys = secrets.read(id);
        Instant now = clock.instant();
        if (!store.claimRotation(id, keys.rotation() + 1, now, now.minus(ABANDONED_ROTATION))) {
            throw new EndpointChangedException("another rotation of this endpoint's secret is in progress; try again in a minute");
        }
        SigningKeys rotated = keys.rotatedTo(SigningSecret.generate(), now);
        secrets.put(id, rotated);
        return new Rotated(rotated.current(), rotated.previousUntil());
    }

    /** The secrets that sign a message to the endpoint at {@code now} (for the delivery). */
    public List<String> signingSecrets(String id) {
        return secrets.read(id).signingAt(clock.instant());
    }

    /** The URL check, for the delivery to repeat before each attempt. */
    public EndpointUrls urls() {
        return urls;
    }
}
