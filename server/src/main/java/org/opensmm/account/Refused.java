package org.opensmm.account;

/**
 * An operator use case said no: the message says why, in words a person can act on ("a deposit must be positive").
 * Thrown inside the use case's transaction, so nothing it did stays. A front shows the message in its own way
 * (the CLI as one {@code error:} line and exit code 1); anything else a use case throws is a fault, not a refusal.
 */
public final class Refused extends RuntimeException {
    public Refused(String why) {
        super(why, null, false, false); // no stack trace: a refusal is an answer, not a bug
    }
}
