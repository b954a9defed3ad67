package org.opensmm.order;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where the fulfilment engine has an order ({@code orders.stage}); never shown on the wire, where the customer sees
 * {@link Status}. Every way from one stage to another is in {@link #next()}: each UPDATE that moves a stage (see
 * {@link Stages}) is checked against it and guarded in its WHERE clause on the stage it leaves, so of two racing moves
 * only one applies. The database's CHECK constraint (V4__states.sql) holds the same names.
 */
public enum Stage {
    /** Waiting to be sent to its provider (next_at: not before). */
    NEW,
    /** Claimed by a worker whose add is on its way (claimed_by, claimed_until). */
    SENDING,
    /** Accepted upstream as external_id: polled by status sync, once per round of its provider, until it finishes. */
    SENT,
    /** Waiting for the operator: an add with an unknown outcome or refused, or an upstream answer we will not apply. */
    FAIL,
    /** The operator's to deliver: its service is not mapped to a provider (or was unmapped before it went). */
    MANUAL,
    /** A drip-feed order we deliver ourselves, one child order per run (the upstream service takes no runs). */
    DRIP,
    /** Out of the engine's hands for good. */
    DONE;

    private static final Map<Stage, Set<Stage>> NEXT = new EnumMap<>(Stage.class);
    static {
        NEXT.put(NEW, EnumSet.of(
                SENDING,        // dispatch claims it
                DRIP,           // a drip-feed its upstream service cannot take whole
                MANUAL,         // its service was unmapped before it went
                DONE));         // canceled or settled before anyone picked it up
        NEXT.put(SENDING, EnumSet.of(
                SENT,           // the provider took it
                NEW,            // refused with retry, provider unreachable, or handed back at shutdown
                FAIL));         // no reply, refused for good, or its worker died mid-call (janitor)
        NEXT.put(SENT, EnumSet.of(
                DONE,           // finished upstream and settled
                FAIL));         // an upstream answer for the operator
        NEXT.put(FAIL, EnumSet.of(
                NEW,            // the operator resends it
                SENT,           // the operator attaches it, or a late reply says the provider took it
                DONE));         // refunded or settled by the operator
        NEXT.put(MANUAL, EnumSet.of(
                DONE,           // canceled by its customer before the operator started it
                SENT));         // the operator placed it at a provider by hand and attaches it
        NEXT.put(DRIP, EnumSet.of(DONE));   // its last run ended and it settled
        NEXT.put(DONE, EnumSet.noneOf(Stage.class));
    }

    /** The stages this one may move to; none for DONE. */
    public Set<Stage> next() { return NEXT.get(this); }

    public boolean canMoveTo(Stage next) { return NEXT.get(this).contains(next); }

    /** No way out, whoever asks. */
    public boolean isFinal() { return NEXT.get(this).isEmpty(); }

    /** {@code next}, after checking the table allows it: a move the table lacks is a bug, never data. */
    Stage checkedMove(Stage next) {
        if (!canMoveTo(next)) throw new IllegalStateException("an order cannot move from stage " + this + " to " + next);
        return next;
    }
}
