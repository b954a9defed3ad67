package org.opensmm.client;

import java.util.Locale;

/** An order's status as panels report it. Anything we do not recognise is {@link #UNKNOWN}; {@link OrderStatus#rawStatus()} keeps the text. */
public enum Status {
    PENDING("Pending"),
    IN_PROGRESS("In progress"),
    PROCESSING("Processing"),
    COMPLETED("Completed"),
    PARTIAL("Partial"),
    CANCELED("Canceled"),
    ACTIVE("Active"),
    PAUSED("Paused"),
    EXPIRED("Expired"),
    UNKNOWN("Unknown");

    private final String wire;

    Status(String wire) {
        this.wire = wire;
    }

    /** The spelling PROTOCOL.md uses, e.g. "In progress". */
    public String wire() {
        return wire;
    }

    /** Lenient: any letter case, "Cancelled", "Refunded", "Inprogress", "In_progress", "in-progress"; null or unknown gives {@link #UNKNOWN}. */
    public static Status parse(String wire) {
        return switch (squash(wire)) {
            case "pending" -> PENDING;
            case "inprogress" -> IN_PROGRESS;
            case "processing" -> PROCESSING;
            case "completed", "complete" -> COMPLETED;
            case "partial" -> PARTIAL;
            // panels report a refunded order as "Refunded" or "Refund": canceled, with its charge given back
            case "canceled", "cancelled", "refunded", "refund" -> CANCELED;
            case "active" -> ACTIVE;
            case "paused" -> PAUSED;
            case "expired" -> EXPIRED;
            default -> UNKNOWN;
        };
    }

    /** Lower case without spaces, underscores or dashes: the ways panels differ in spelling the same word. */
    static String squash(String wire) {
        if (wire == null) return "";
        return wire.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s_-]+", "");
    }
}
