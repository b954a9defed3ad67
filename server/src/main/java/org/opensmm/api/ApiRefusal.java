package org.opensmm.api;

/** Refuses a whole API v2 request for a reason of the API's own; the handler replies {"error": …}. */
public final class ApiRefusal extends RuntimeException {
    private final ApiError error;
    private final int retryAfter;

    public ApiRefusal(ApiError error) { this(error, 1); }

    /** @param retryAfter seconds, for the Retry-After header of a 429 or 503 */
    public ApiRefusal(ApiError error, int retryAfter) {
        super(ErrorText.of(error), null, false, false); // no stack trace: refusals are ordinary control flow
        this.error = error;
        this.retryAfter = retryAfter;
    }

    public ApiError error() { return error; }

    public int retryAfter() { return retryAfter; }
}
