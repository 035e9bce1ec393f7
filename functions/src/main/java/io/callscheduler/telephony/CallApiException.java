package io.callscheduler.telephony;

import java.time.Duration;

/** A failed Call API request, classified for the retry policy. */
public class CallApiException extends RuntimeException {
    /** The {@link #httpStatus()} of a request that was never sent. */
    private static final int NOT_SENT = -1;
    private final int httpStatus;
    private final boolean transientFailure;
    private final Duration retryAfter;

    private CallApiException(String message, int httpStatus, boolean transientFailure, Duration retryAfter,
                             Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.transientFailure = transientFailure;
        this.retryAfter = retryAfter;
    }

    /** 5xx, 429, timeouts and connection failures: worth retrying. */
    public static CallApiException transientFailure(String message, int httpStatus, Duration retryAfter,
                                                    Throwable cause) {
        return new CallApiException(message, httpStatus, true, retryAfter, cause);
    }

    /**
     * Nothing was sent: what the request needs could not be had (the provider's credentials could not be read).
     * Passing, as the secret may be readable again; certainly not placed.
     */
    public static CallApiException notSent(String message, Throwable cause) {
        return new CallApiException(message, NOT_SENT, true, null, cause);
    }

    /** An unexpected failure around a request (a bug): it may or may not have reached the provider. */
    public static CallApiException unexpected(RuntimeException cause) {
        return new CallApiException("unexpected failure: " + cause, 0, true, null, cause);
    }

    /** A definite answer (4xx other than 429): retrying cannot help. */
    public static CallApiException rejected(String message, int httpStatus) {
        return new CallApiException(message, httpStatus, false, null, null);
    }

    public boolean isTransient() {
        return transientFailure;
    }

    /**
     * Whether the provider may have placed the call although the request failed: no answer arrived (a
     * timeout, a dropped connection), or a gateway in front of it answered (502, 504). A 503 or 429 is the
     * provider itself declining before doing anything.
     */
    public boolean mayHaveReachedProvider() {
        // A 2xx whose body could not be read placed the call: certainly reached.
        return httpStatus == 0 || httpStatus == 500 || httpStatus == 502 || httpStatus == 504
                || (httpStatus >= 200 && httpStatus < 300);
    }

    /** Whether the request was never sent ({@link #notSent}): the provider's credentials could not be read. */
    public boolean wasNotSent() {
        return httpStatus == NOT_SENT;
    }

    public boolean isNotFound() {
        return httpStatus == 404;
    }

    /** HTTP status, 0 when no response arrived, -1 when nothing was sent. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The provider's Retry-After, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
