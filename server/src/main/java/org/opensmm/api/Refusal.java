package org.opensmm.api;

/** Thrown by services to refuse a request; the transaction rolls back and the handler replies {"error": …}. */
public final class Refusal extends RuntimeException {
    private final ApiError error;
    private final int retryAfter;

    public Refusal(ApiError error) { this(error, 1); }

    /** @param retryAfter seconds, for the Retry-After header of a 429 or 503 */
    public Refusal(ApiError error, int retryAfter) {
        super(ErrorText.of(error), null, false, false); // no stack trace: refusals are ordinary control flow
        this.error = error;
        this.retryAfter = retryAfter;
    }

    public ApiError error() { return error; }

    public int retryAfter() { return retryAfter; }
}
