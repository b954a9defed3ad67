package org.opensmm.client;

/** A refill's status as panels report it; anything unrecognised parses to {@link #UNKNOWN}. */
public enum RefillStatus {
    PENDING("Pending"),
    IN_PROGRESS("In progress"),
    COMPLETED("Completed"),
    REJECTED("Rejected"),
    ERROR("Error"),
    UNKNOWN("Unknown");

    private final String wire;

    RefillStatus(String wire) {
        this.wire = wire;
    }

    /** The spelling PROTOCOL.md uses, e.g. "In progress". */
    public String wire() {
        return wire;
    }

    /** Lenient like {@link Status#parse}: any letter case, "Inprogress", "In_progress", "Processing". */
    public static RefillStatus parse(String wire) {
        return switch (Status.squash(wire)) {
            case "pending" -> PENDING;
            case "inprogress", "processing" -> IN_PROGRESS;
            case "completed", "complete" -> COMPLETED;
            case "rejected" -> REJECTED;
            case "error" -> ERROR;
            default -> UNKNOWN;
        };
    }
}
