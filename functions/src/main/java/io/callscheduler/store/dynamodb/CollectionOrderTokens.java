package io.callscheduler.store.dynamodb;

import io.callscheduler.store.InvalidPageTokenException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Page tokens of a list read through {@link CallsTable#BY_COLLECTION}: base64url of the last item's place in its
 * collection ({@link CallsTable#COLLECTION_ORDER}). A token is only accepted when it decodes to a place of the shape
 * the list's own items have, so that it cannot be forged into another collection's key.
 */
public final class CollectionOrderTokens {
    private final Pattern order;
    private final int maxLength;

    /** @param order the shape of the list's collection places; {@code maxLength} bounds the token before decoding */
    public CollectionOrderTokens(Pattern order, int maxLength) {
        this.order = order;
        this.maxLength = maxLength;
    }

    public String of(String place) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(place.getBytes(StandardCharsets.UTF_8));
    }

    /** The place a token names; {@link InvalidPageTokenException} (a 400) for anything this API did not issue. */
    public String place(String token) {
        String decoded;
        try {
            decoded = token.length() > maxLength ? null : new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            decoded = null;
        }
        if (decoded == null || !order.matcher(decoded).matches()) {
            throw new InvalidPageTokenException("not a token from this API");
        }
        return decoded;
    }
}
