package org.opensmm.account;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An operator use case said no: the message says why, in words a person can act on ("a deposit must be positive").
 * Thrown inside the use case's transaction, so nothing it did stays. A front shows the message in its own way
 * (the CLI as one {@code error:} line and exit code 1); anything else a use case throws is a fault, not a refusal.
 * The message is the operator's (it may name a CLI command); a refusal with a {@link #key} is worded by a person's page
 * from its message bundle instead.
 */
public final class Refused extends RuntimeException {
    private final String key;
    private final List<String> args;

    public Refused(String why) {
        this(why, null);
    }

    /** {@code key}: the message bundle's text for pages ("refused.no_service"), filled with {@code args} ({0}, {1}…). */
    public Refused(String why, String key, Object... args) {
        super(why, null, false, false); // no stack trace: a refusal is an answer, not a bug
        this.key = key;
        this.args = Arrays.stream(args).map(String::valueOf).toList(); // as written: no "1,234" for an id
    }

    public Optional<String> key() { return Optional.ofNullable(key); }

    public List<String> args() { return args; }
}
