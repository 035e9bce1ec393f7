package io.callscheduler.telephony;

import java.time.Duration;

/** A failed Call API request, classified for the retry policy. */
public class CallApiException extends RuntimeException {
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
        return httpStatus == 0 || httpStatus == 500 || httpStatus == 502 || httpStatus == 504;
    }

    public boolean isNotFound() {
        return httpStatus == 404;
    }

    /** HTTP status, or 0 when no response arrived. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The provider's Retry-After, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
