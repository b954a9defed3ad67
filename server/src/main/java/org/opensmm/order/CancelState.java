package org.opensmm.order;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a cancel request of an order stands ({@code orders.cancel_state}); an order nobody asked to cancel has none
 * (NULL, null here), and from none the only way is {@link #REQUESTED}. Every other way is in {@link #next()}. The
 * database's CHECK constraint (V4__states.sql) holds the same names.
 */
public enum CancelState {
    /** Asked for, by the customer, the operator, or a subscription whose money ran out: waiting for an answer. */
    REQUESTED,
    /** Claimed by a worker whose cancel is on its way to the provider. */
    FORWARDING,
    /** The provider accepted it: the order turns Canceled, with its refund, when the provider says so. */
    FORWARDED,
    /** Refused, by the operator or upstream: the order goes on, and its customer may ask again. */
    REJECTED,
    /** The order was canceled (or settled) while asked to be. */
    DONE;

    private static final Map<CancelState, Set<CancelState>> NEXT = new EnumMap<>(CancelState.class);
    static {
        NEXT.put(REQUESTED, EnumSet.of(
                FORWARDING,     // the order is upstream: a worker forwards the request
                REJECTED,       // the operator says no
                DONE));         // the order was canceled
        NEXT.put(FORWARDING, EnumSet.of(
                FORWARDED,      // the provider accepted
                REJECTED,       // the provider refused
                REQUESTED,      // no reply, or its worker died mid-call: a cancel is safe to send again
                DONE));         // the order was canceled meanwhile
        NEXT.put(FORWARDED, EnumSet.of(DONE));
        NEXT.put(REJECTED, EnumSet.of(
                REQUESTED,      // asked again
                DONE));         // the operator canceled it after all
        NEXT.put(DONE, EnumSet.noneOf(CancelState.class));
    }

    /** The states this one may move to; none for DONE. */
    public Set<CancelState> next() { return NEXT.get(this); }

    public boolean canMoveTo(CancelState next) { return NEXT.get(this).contains(next); }

    /** From {@code from} (null: no request yet) to {@code next}. */
    public static boolean canMove(CancelState from, CancelState next) {
        return from == null ? next == REQUESTED : from.canMoveTo(next);
    }

    /** No way out, whoever asks. */
    public boolean isFinal() { return NEXT.get(this).isEmpty(); }

    /** {@code next}, after checking the table allows it: a move the table lacks is a bug, never data. */
    static CancelState checkedMove(CancelState from, CancelState next) {
        if (!canMove(from, next)) throw new IllegalStateException("a cancel request cannot move from " + from + " to " + next);
        return next;
    }

    /** The stored name, or null for an order with no cancel request. */
    public static CancelState of(String column) { return column == null ? null : valueOf(column); }
}
