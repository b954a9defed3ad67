package org.opensmm.core;

/**
 * Thrown by a use case to refuse it: the transaction rolls back and the front replies in its own words for the
 * {@link Reason}. The message is the reason's name, for logs only.
 */
public final class Refusal extends RuntimeException {
    private final Reason reason;
    private final String field;

    public Refusal(Reason reason) { this(reason, null); }

    /**
     * A refusal because of one request field ({@code answer_number} missing, {@code usernames} empty). The field is for
     * fronts free to name it: API v2 must keep PROTOCOL.md's "Incorrect request" for a missing field, a person's page need not.
     */
    public Refusal(Reason reason, String field) {
        super(field == null ? reason.toString() : reason + " (" + field + ")", null, false, false); // no stack trace: ordinary control flow
        this.reason = reason;
        this.field = field;
    }

    public Reason reason() { return reason; }

    /** The request field the refusal is about, when one is. */
    public java.util.Optional<String> field() { return java.util.Optional.ofNullable(field); }
}
