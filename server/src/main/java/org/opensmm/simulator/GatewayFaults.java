package org.opensmm.simulator;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a simulated gateway does wrong next, on purpose (issue 12): tests script it, each planned fault is used once, in
 * order. Like api/Faults for the simulated provider.
 */
public final class GatewayFaults {
    public enum Kind {
        /** The next completed-payment webhook is sent twice. */
        DUPLICATE,
        /** The next webhook is sent {@code millis} after the customer is sent back (the redirect arrives first). */
        LATE,
        /** A forged webhook (wrong signature, and one for ten times the amount) is sent before the real one. */
        FORGED_FIRST,
        /** The next create call (Checkout Session, invoice) answers nothing for {@code millis}: the client times out. */
        TIMEOUT,
        /**
         * After the next paid webhook, stale ones follow, as if delivered out of order: Stripe an expired session and an
         * earlier-created completed-but-unpaid event; Cryptomus "confirm_check", "process" and "check" after "paid".
         */
        OUT_OF_ORDER,
        /**
         * The next created Checkout Session (or invoice) is paid at once and its webhook delivered before the create call
         * answers: the panel has not attached the gateway's id to its deposit yet.
         */
        PAID_BEFORE_CREATED,
        /** Cryptomus: the next payment is short (status "wrong_amount"), or more than asked ("paid_over"). */
        UNDERPAID, OVERPAID
    }

    public record Fault(Kind kind, long millis) {}

    private final Deque<Fault> planned = new ArrayDeque<>();

    public synchronized GatewayFaults plan(Kind kind) { return plan(kind, 0); }

    public synchronized GatewayFaults plan(Kind kind, long millis) {
        planned.add(new Fault(kind, millis));
        return this;
    }

    /** The first planned fault of {@code kind}, taken off the plan; null when none is planned. */
    synchronized Fault take(Kind kind) {
        for (var it = planned.iterator(); it.hasNext(); ) {
            Fault f = it.next();
            if (f.kind() == kind) { it.remove(); return f; }
        }
        return null;
    }

    public synchronized void clear() { planned.clear(); }
}
