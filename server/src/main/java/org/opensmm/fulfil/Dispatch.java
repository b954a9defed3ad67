package org.opensmm.fulfil;

import org.opensmm.client.AddOrder;
import org.opensmm.client.Outcome;
import org.opensmm.order.Order;
import org.opensmm.order.Orders;
import org.opensmm.order.Status;
import org.opensmm.provider.Provider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;

/**
 * Forwards new orders upstream, one {@code add} each. An order is claimed with an UPDATE (NEW → SENDING, owner, claim
 * deadline), sent with no transaction open, and its outcome recorded in a new transaction that only applies while the
 * claim is still ours. An add that got no reply is never sent again by itself: it goes to FAIL for the operator.
 */
final class Dispatch {
    private static final Logger log = LoggerFactory.getLogger(Dispatch.class);

    private static final String DUE = """
            SELECT o.id, o.runs, m.upstream_service, m.upstream_drip FROM orders o
            JOIN service_provider m ON m.service_id = o.service_id
            WHERE o.stage = 'NEW' AND o.next_at <= ? AND m.provider_id = ? ORDER BY o.stage, o.next_at LIMIT ?""";
    private static final String CLAIM = """
            UPDATE orders SET stage = 'SENDING', provider_id = ?, claimed_by = ?, claimed_until = ?, attempts = attempts + 1,
                   updated_at = ?
            WHERE id = ? AND stage = 'NEW' AND\s""" + Status.UNFINISHED;
    // A drip-feed order the upstream service cannot take whole is delivered by us, run by run (see DripFeed).
    private static final String TO_DRIP = """
            UPDATE orders SET stage = 'DRIP', provider_id = ?, next_at = ?, updated_at = ? WHERE id = ? AND stage = 'NEW'""";
    private static final String MINE = " WHERE id = ? AND stage = 'SENDING' AND claimed_by = ?";
    private static final String SENT = """
            UPDATE orders SET stage = 'SENT', external_id = ?, provider_error = NULL, claimed_by = NULL, claimed_until = NULL,
                   next_at = ?, updated_at = ?""" + MINE;
    // The janitor gave up on us while the reply was on its way; the reply is definite, so the order is simply sent.
    private static final String SENT_AFTER_ALL = """
            UPDATE orders SET stage = 'SENT', external_id = ?, provider_error = NULL, claimed_by = NULL, next_at = ?, updated_at = ?
            WHERE id = ? AND stage = 'FAIL' AND claimed_by = ? AND external_id IS NULL""";
    private static final String RETRY = """
            UPDATE orders SET stage = 'NEW', provider_error = ?, claimed_by = NULL, claimed_until = NULL, next_at = ?,
                   updated_at = ?""" + MINE;
    private static final String FAIL = """
            UPDATE orders SET stage = 'FAIL', provider_error = ?, claimed_by = NULL, claimed_until = NULL, updated_at = ?""" + MINE;
    // Two of our orders on one upstream order: one of them is paid for and never delivered.
    private static final String TAKEN = "SELECT COALESCE(MIN(id), 0) FROM orders WHERE provider_id = ? AND external_id = ? AND id <> ?";
    private static final String UNCLAIM = """
            UPDATE orders SET stage = 'NEW', claimed_by = NULL, claimed_until = NULL, attempts = attempts - 1""" + MINE;

    private final Engine engine;
    private final Orders rows = new Orders();

    Dispatch(Engine engine) { this.engine = engine; }

    private record Claimed(Order order, long upstreamService, int attempts) {}

    /** Claims as many of the provider's due orders as its gate has room for, and sends each on its own thread. */
    void tick(Provider p) {
        Gate gate = engine.gate(p);
        long now = engine.now();
        if (!gate.open(now)) return;
        int permits = Gate.take(gate.adds, gate.size);
        if (permits == 0) return;
        List<Claimed> claimed;
        try {
            claimed = claim(p, permits, now);
        } catch (RuntimeException e) {
            gate.adds.release(permits);
            throw e;
        }
        gate.adds.release(permits - claimed.size());
        for (Claimed c : claimed) {
            try {
                engine.calls().execute(() -> {
                    try {
                        send(p, gate, c);
                    } catch (RuntimeException e) {
                        // the claim stays: the janitor hands the order to the operator, as for a crash mid-call
                        log.error("recording the add of order {} failed", c.order().id(), e);
                    } finally {
                        gate.adds.release();
                    }
                });
            } catch (RejectedExecutionException shuttingDown) {
                gate.adds.release();
                engine.db().inTransaction(tx -> tx.update(UNCLAIM, c.order().id(), engine.node())); // never sent: safe to hand back
            }
        }
    }

    private List<Claimed> claim(Provider p, int limit, long now) {
        long until = now + engine.settings().claim().toMillis();
        return engine.db().inTransaction(tx -> {
            record Due(long id, Integer runs, long upstreamService, boolean upstreamDrip) {}
            var out = new ArrayList<Claimed>();
            for (Due d : tx.list(DUE, rs -> new Due(rs.getLong(1), rs.getObject(2, Integer.class), rs.getLong(3), rs.getBoolean(4)),
                    now, p.id(), limit)) {
                if (d.runs() != null && d.runs() > 1 && !d.upstreamDrip()) {
                    tx.update(TO_DRIP, p.id(), now, now, d.id());
                } else if (tx.update(CLAIM, p.id(), engine.node(), until, now, d.id()) == 1) {
                    int attempts = (int) tx.count("SELECT attempts FROM orders WHERE id = ?", d.id());
                    out.add(new Claimed(rows.find(tx, d.id()).orElseThrow(), d.upstreamService(), attempts));
                }
            }
            return out;
        });
    }

    private void send(Provider p, Gate gate, Claimed c) {
        Order o = c.order();
        Outcome<Long> outcome = engine.providers().client(p).add(AddOrder.of(c.upstreamService(), o.fields()));
        long now = engine.now();
        switch (outcome) {
            case Outcome.Ok<Long> ok -> {
                gate.up();
                sent(p, o, ok.value(), now);
            }
            case Outcome.Rejected<Long> r -> {
                gate.up();
                boolean retry = p.onAddError() == Provider.AddErrorPolicy.RETRY && c.attempts() < engine.settings().maxAttempts();
                String error = Engine.clip(r.error());
                if (retry) record(o, RETRY, error, now + engine.settings().backoffMillis(c.attempts()), now);
                else record(o, FAIL, error, now);
            }
            case Outcome.NoReply<Long> n -> {
                gate.down(now, engine.settings());
                if (neverArrived(n.reason())) {
                    // the connection was never made, so the provider cannot have the order: wait for it, then try again
                    record(o, RETRY, Engine.clip("provider unreachable: " + n.reason()), now + engine.settings().backoffMillis(c.attempts()), now);
                } else {
                    record(o, FAIL, Engine.clip("no reply to add (" + n.reason() + "): the order may exist upstream;"
                            + " check the provider, then resend, attach or refund" + (n.raw().isBlank() ? "" : " — reply: " + n.raw().strip())), now);
                }
            }
        }
    }

    /** Refused or timed-out connects: the request never left us. Anything later may have reached the provider. */
    static boolean neverArrived(String reason) {
        return reason.startsWith("connection refused") || reason.startsWith("connect timeout");
    }

    private void sent(Provider p, Order o, long externalId, long now) {
        long pollAt = now + engine.settings().syncEvery().toMillis();
        engine.db().inTransaction(tx -> {
            long taken = tx.count(TAKEN, p.id(), Long.toString(externalId), o.id());
            if (taken != 0) {
                // the provider gave an id it gave before: whether it took this order at all is unknown
                tx.update(FAIL, Engine.clip("the provider answered upstream order " + externalId + ", which is already our order "
                        + taken + ": check the provider, then attach the right id, resend or refund"), now, o.id(), engine.node());
                log.warn("order {} was answered with upstream id {}, already order {}'s", o.id(), externalId, taken);
                return null;
            }
            if (tx.update(SENT, Long.toString(externalId), pollAt, now, o.id(), engine.node()) == 1) return null;
            if (tx.update(SENT_AFTER_ALL, Long.toString(externalId), pollAt, now, o.id(), engine.node()) == 1) {
                log.warn("order {} was accepted upstream as {} after its claim had expired; it is SENT again", o.id(), externalId);
                return null;
            }
            // the operator acted meanwhile (resent or refunded it): keep the upstream id where they will see it
            tx.update("UPDATE orders SET provider_error = ? WHERE id = ?", Engine.clip("also accepted upstream as order " + externalId
                    + " by a late reply after the claim expired: check the provider for a duplicate"), o.id());
            log.error("order {} was accepted upstream as {} but was no longer ours to record", o.id(), externalId);
            return null;
        });
    }

    private void record(Order o, String sql, String error, long nextAt, long now) {
        engine.db().inTransaction(tx -> tx.update(sql, error, nextAt, now, o.id(), engine.node()));
    }

    private void record(Order o, String sql, String error, long now) {
        engine.db().inTransaction(tx -> tx.update(sql, error, now, o.id(), engine.node()));
    }
}
