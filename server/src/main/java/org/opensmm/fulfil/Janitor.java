package org.opensmm.fulfil;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds claims whose owner died mid-call. An add in flight has an unknown outcome, so the order goes to FAIL for the
 * operator, never back to NEW (which would risk a second upstream order). The owner stays in claimed_by: if its reply
 * does arrive after all, Dispatch recognises the order as its own and records it.
 */
final class Janitor {
    private static final Logger log = LoggerFactory.getLogger(Janitor.class);

    static final String LOST_ADD = "no outcome recorded: the add was in flight when its worker stopped, so the order may"
            + " exist upstream; check the provider, then resend, attach or refund";
    private static final String ORDERS = """
            UPDATE orders SET stage = 'FAIL', provider_error = ?, claimed_until = NULL, updated_at = ?
            WHERE stage = 'SENDING' AND claimed_until < ?""";
    private static final String REFILLS = """
            UPDATE refill SET stage = 'FAIL', provider_error = ?, claimed_until = NULL, updated_at = ?
            WHERE stage = 'SENDING' AND claimed_until < ?""";
    // A cancel is safe to send again: the worst a second one gets is "Cancel is not available".
    private static final String CANCELS = """
            UPDATE orders SET cancel_state = 'REQUESTED', claimed_by = NULL, claimed_until = NULL
            WHERE cancel_state = 'FORWARDING' AND claimed_until < ?""";

    // A node that had not yet seen a service unmapped (its offer cache lives 2 s) may have queued an order for upstream:
    // nothing forwards it now, so it goes to the operator like any manual order.
    private static final String UNMAPPED = """
            UPDATE orders SET stage = 'MANUAL', next_at = NULL, updated_at = ?
            WHERE stage = 'NEW' AND NOT EXISTS (SELECT 1 FROM service_provider m WHERE m.service_id = orders.service_id)""";

    private final Engine engine;

    Janitor(Engine engine) { this.engine = engine; }

    void tick() {
        long now = engine.now();
        int[] moved = engine.db().inTransaction(tx -> new int[] {
                tx.update(ORDERS, LOST_ADD, now, now),
                tx.update(REFILLS, "no outcome recorded: the refill request was in flight when its worker stopped; check the provider", now, now),
                tx.update(CANCELS, now),
                tx.update(UNMAPPED, now)});
        if (moved[0] > 0) log.warn("{} order(s) whose add was in flight when its worker stopped moved to FAIL", moved[0]);
        if (moved[1] > 0) log.warn("{} refill(s) whose request was in flight when its worker stopped moved to FAIL", moved[1]);
    }
}
