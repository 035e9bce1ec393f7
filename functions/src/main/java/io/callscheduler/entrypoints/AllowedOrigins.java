package io.callscheduler.entrypoints;

import java.util.Arrays;
import java.util.List;

/**
 * The web origins the API admits, from {@code ALLOWED_ORIGIN}: {@code *}, one origin, or several separated
 * by commas. A CORS response names one origin, so with several the request's own {@code Origin} is echoed
 * when it is admitted (the local page is reachable as both localhost and 127.0.0.1), else the first.
 */
public final class AllowedOrigins {
    private final List<String> origins;

    public AllowedOrigins(String setting) {
        this.origins = Arrays.stream(setting == null ? new String[]{"*"} : setting.split(","))
                .map(String::strip).filter(origin -> !origin.isEmpty()).toList();
        if (origins.isEmpty()) {
            throw new IllegalArgumentException("ALLOWED_ORIGIN names no origin");
        }
    }

    /** The {@code Access-Control-Allow-Origin} value for a request from {@code requestOrigin} (may be null). */
    public String allowOriginFor(String requestOrigin) {
        if (origins.contains("*")) {
            return "*";
        }
        return requestOrigin != null && origins.contains(requestOrigin) ? requestOrigin : origins.get(0);
    }

    /** Whether the answer depends on the request's origin (then caches must key on it). */
    public boolean variesByOrigin() {
        return !origins.contains("*");
    }
}
