package org.opensmm.order;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Order statuses exactly as the wire shows them (PROTOCOL.md "status"). */
public enum Status {
    PENDING("Pending"), IN_PROGRESS("In progress"), PROCESSING("Processing"), COMPLETED("Completed"),
    PARTIAL("Partial"), CANCELED("Canceled"), ACTIVE("Active"), PAUSED("Paused"), EXPIRED("Expired");

    private final String wire;

    Status(String wire) { this.wire = wire; }

    public String wire() { return wire; }

    /** No further status change; the order's money is settled. */
    public boolean finished() { return this == COMPLETED || this == PARTIAL || this == CANCELED || this == EXPIRED; }

    /**
     * The guard of every UPDATE that may move an order: "status NOT IN (the finished ones)". A finished order does not
     * change, whoever asks (sync, operator, API), and the guard in the statement holds where a check before it could race.
     */
    public static final String UNFINISHED = "status NOT IN (" + Arrays.stream(values()).filter(Status::finished)
            .map(s -> "'" + s.wire + "'").collect(Collectors.joining(", ")) + ")";

    /** Any unfinished status may become any other; a finished one has no way out, whoever asks. */
    public boolean canMoveTo(Status next) { return !finished() && next != this; }

    /** Statuses only a subscription has: from any other order's provider they mean nothing we can apply. */
    public boolean subscriptionOnly() { return this == ACTIVE || this == PAUSED || this == EXPIRED; }

    /** Accepts the wire name in any case, "Cancelled", or the enum name. */
    public static Optional<Status> parse(String text) {
        if (text == null) return Optional.empty();
        String t = text.strip().replace('_', ' ').replace('-', ' ');
        if (t.equalsIgnoreCase("Cancelled")) return Optional.of(CANCELED);
        if (t.equalsIgnoreCase("Inprogress")) return Optional.of(IN_PROGRESS);
        return Arrays.stream(values()).filter(s -> s.wire.equalsIgnoreCase(t)).findFirst();
    }

    private static final Map<String, Status> BY_WIRE = Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Status::wire, s -> s));

    /** A status as stored (its exact wire name, one lookup: every listed row reads one); anything else as {@link #parse}. */
    public static Status ofWire(String wire) {
        Status exact = wire == null ? null : BY_WIRE.get(wire);
        return exact != null ? exact : parse(wire).orElseThrow();
    }
}
