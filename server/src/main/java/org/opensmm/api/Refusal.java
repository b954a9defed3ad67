package org.opensmm.api;

/** Thrown by services to refuse a request; the transaction rolls back and the handler replies {"error": …}. */
public final class Refusal extends RuntimeException {
    private final ApiError error;

    public Refusal(ApiError error) {
        super(ErrorText.of(error), null, false, false); // no stack trace: refusals are ordinary control flow
        this.error = error;
    }

    public ApiError error() { return error; }
}
