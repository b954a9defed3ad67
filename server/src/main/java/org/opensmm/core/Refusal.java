package org.opensmm.core;

/**
 * Thrown by a use case to refuse it: the transaction rolls back and the front replies in its own words for the
 * {@link Reason}. The message is the reason's name, for logs only.
 */
public final class Refusal extends RuntimeException {
    private final Reason reason;

    public Refusal(Reason reason) {
        super(reason.toString(), null, false, false); // no stack trace: refusals are ordinary control flow
        this.reason = reason;
    }

    public Reason reason() { return reason; }
}
