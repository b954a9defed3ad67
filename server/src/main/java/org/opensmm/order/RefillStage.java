package org.opensmm.order;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where the fulfilment engine has a refill request ({@code refill.stage}); the customer sees its {@link Refills.State}.
 * A refill of a manual order stays NEW until the operator resolves it. Every way from one stage to another is in
 * {@link #next()}; the database's CHECK constraint (V4__states.sql) holds the same names.
 */
public enum RefillStage {
    /** Waiting: forwarded by a worker when its order is upstream, else the operator's. */
    NEW,
    /** Claimed by a worker whose refill request is on its way (claimed_by, claimed_until). */
    SENDING,
    /** Accepted upstream as external_id: its status is polled. */
    SENT,
    /** Refused upstream, no reply, or its worker died mid-call: for the operator. */
    FAIL,
    /** Its status is final. */
    DONE;

    private static final Map<RefillStage, Set<RefillStage>> NEXT = new EnumMap<>(RefillStage.class);
    static {
        NEXT.put(NEW, EnumSet.of(SENDING, DONE));           // forwarded, or resolved by the operator
        NEXT.put(SENDING, EnumSet.of(SENT, FAIL, DONE));    // DONE: the operator resolved it meanwhile
        NEXT.put(SENT, EnumSet.of(DONE));
        NEXT.put(FAIL, EnumSet.of(DONE));
        NEXT.put(DONE, EnumSet.noneOf(RefillStage.class));
    }

    /** The stages this one may move to; none for DONE. */
    public Set<RefillStage> next() { return NEXT.get(this); }

    public boolean canMoveTo(RefillStage next) { return NEXT.get(this).contains(next); }

    /** No way out, whoever asks. */
    public boolean isFinal() { return NEXT.get(this).isEmpty(); }

    /** {@code next}, after checking the table allows it: a move the table lacks is a bug, never data. */
    RefillStage checkedMove(RefillStage next) {
        if (!canMoveTo(next)) throw new IllegalStateException("a refill cannot move from stage " + this + " to " + next);
        return next;
    }
}
