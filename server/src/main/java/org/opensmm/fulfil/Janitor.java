package org.opensmm.fulfil;

import org.opensmm.order.Cancels;
import org.opensmm.order.RefillRows;
import org.opensmm.order.Stages;
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
    static final String LOST_REFILL = "no outcome recorded: the refill request was in flight when its worker stopped; check the provider";

    private final Engine engine;
    private final Stages stages = new Stages();
    private final Cancels cancels = new Cancels();
    private final RefillRows refills = new RefillRows();

    Janitor(Engine engine) { this.engine = engine; }

    void tick() {
        long now = engine.now();
        int[] moved = engine.db().inTransaction(tx -> new int[] {
                stages.lostAdds(tx, LOST_ADD, now),
                refills.lost(tx, LOST_REFILL, now),
                cancels.lost(tx, now),
                // A node that had not yet seen a service unmapped (its offer cache lives 2 s) may have queued an order
                // for upstream: nothing forwards it now, so it goes to the operator like any manual order.
                stages.unmapped(tx, now)});
        if (moved[0] > 0) log.warn("{} order(s) whose add was in flight when its worker stopped moved to FAIL", moved[0]);
        if (moved[1] > 0) log.warn("{} refill(s) whose request was in flight when its worker stopped moved to FAIL", moved[1]);
    }
}
