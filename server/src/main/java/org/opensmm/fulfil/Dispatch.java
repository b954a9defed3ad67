package org.opensmm.fulfil;

import org.opensmm.catalog.ServiceType;
import org.opensmm.client.AddOrder;
import org.opensmm.client.Outcome;
import org.opensmm.order.Order;
import org.opensmm.order.Orders;
import org.opensmm.order.Stage;
import org.opensmm.order.Stages;
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
            WHERE o.stage = ? AND o.next_at <= ? AND m.provider_id = ? ORDER BY o.stage, o.next_at LIMIT ?""";
    // Two of our orders on one upstream order: one of them is paid for and never delivered.
    private static final String TAKEN = "SELECT COALESCE(MIN(id), 0) FROM orders WHERE provider_id = ? AND external_id = ? AND id <> ?";

    private final Engine engine;
    private final Orders rows = new Orders();
    private final Stages stages = new Stages();

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
                engine.db().inTransaction(tx -> stages.unclaim(tx, c.order().id(), engine.node())); // never sent: safe to hand back
            }
        }
    }

    private List<Claimed> claim(Provider p, int limit, long now) {
        long until = now + engine.settings().claim().toMillis();
        return engine.db().inTransaction(tx -> {
            record Due(long id, Integer runs, long upstreamService, boolean upstreamDrip) {}
            var out = new ArrayList<Claimed>();
            for (Due d : tx.list(DUE, rs -> new Due(rs.getLong(1), rs.getObject(2, Integer.class), rs.getLong(3), rs.getBoolean(4)),
                    Stage.NEW.name(), now, p.id(), limit)) {
                if (d.runs() != null && d.runs() > 1 && !d.upstreamDrip()) {
                    stages.toDrip(tx, d.id(), p.id(), now);
                } else if (stages.claim(tx, d.id(), p.id(), engine.node(), until, now) == 1) {
                    int attempts = (int) tx.count("SELECT attempts FROM orders WHERE id = ?", d.id());
                    out.add(new Claimed(rows.find(tx, d.id()).orElseThrow(), d.upstreamService(), attempts));
                }
            }
            return out;
        });
    }

    private void send(Provider p, Gate gate, Claimed c) {
        Order o = c.order();
        int othersInFlight = gate.size - gate.adds.availablePermits() - 1; // this add holds one permit
        Outcome<Long> outcome = engine.providers().client(p).add(AddOrder.of(c.upstreamService(), p.addFields(o.type(), o.fields())));
        long now = engine.now();
        switch (outcome) {
            case Outcome.Ok<Long> ok -> {
                gate.up();
                engine.dispatched().get().outcome(p.name(), Dispatched.Outcome.SENT);
                sent(p, o, ok.value(), now);
            }
            case Outcome.Rejected<Long> r -> {
                gate.up();
                boolean retry = p.onAddError() == Provider.AddErrorPolicy.RETRY && c.attempts() < engine.settings().maxAttempts();
                String error = Engine.clip(r.error());
                if (learnedQuirk(p, o, r.error())) {
                    engine.dispatched().get().outcome(p.name(), Dispatched.Outcome.RETRY);
                    // refused, so nothing was created upstream: safe to send again at once, now with the field it wants
                    retry(o, Engine.clip(error + " (provider " + p.id() + " now gets " + (o.type() == ServiceType.PACKAGE
                            ? "quantity=1 with Package orders" : "the username as link with Subscriptions") + ")"), now, now);
                    return;
                }
                engine.dispatched().get().outcome(p.name(), retry ? Dispatched.Outcome.RETRY : Dispatched.Outcome.FAILED);
                if (retry) retry(o, error, now + engine.settings().backoffMillis(c.attempts()), now);
                else fail(o, error, now);
            }
            case Outcome.NoReply<Long> n -> {
                gate.down(now, engine.settings());
                engine.dispatched().get().outcome(p.name(), neverArrived(n.reason()) ? Dispatched.Outcome.UNREACHABLE : Dispatched.Outcome.NO_REPLY);
                if (neverArrived(n.reason())) {
                    // the connection was never made, so the provider cannot have the order: wait for it, then try again
                    retry(o, Engine.clip("provider unreachable: " + n.reason()), now + engine.settings().backoffMillis(c.attempts()), now);
                } else {
                    // some panels answer concurrent adds with an empty body (their add races): one add at a time from now on
                    if (n.reason().startsWith("empty body") && othersInFlight > 0 && engine.providers().learnAddRace(p.id())) {
                        log.warn("provider {} answered an add with an empty body while {} other add(s) were in flight: max in flight is 1 now",
                                p.id(), othersInFlight);
                    }
                    fail(o, Engine.clip("no reply to add (" + n.reason() + "): the order may exist upstream;"
                            + " check the provider, then resend, attach or refund" + (n.raw().isBlank() ? "" : " — reply: " + n.raw().strip())), now);
                }
            }
        }
    }

    /**
     * A refusal that names what this provider wants beyond PROTOCOL.md: a quantity with Package orders ("Quantity is
     * required"), a link with Subscriptions ("Bad Link"). Learned once, as the provider's compatibility option.
     */
    private boolean learnedQuirk(Provider p, Order o, String error) {
        String e = error == null ? "" : error.toLowerCase(java.util.Locale.ROOT);
        if (o.type() == ServiceType.PACKAGE && !p.compat().packageQuantity() && !o.fields().containsKey("quantity")
                && e.contains("quantity")) {
            engine.providers().learnAddQuirk(p.id(), true);
        } else if (o.type() == ServiceType.SUBSCRIPTIONS && !p.compat().usernameAsLink() && !o.fields().containsKey("link")
                && e.contains("link")) {
            engine.providers().learnAddQuirk(p.id(), false);
        } else {
            return false;
        }
        log.info("provider {} refused order {} with '{}': learned, sent again with the field", p.id(), o.id(), error);
        return true;
    }

    /** Refused or timed-out connects: the request never left us. Anything later may have reached the provider. */
    static boolean neverArrived(String reason) {
        return reason.startsWith("connection refused") || reason.startsWith("connect timeout");
    }

    private void sent(Provider p, Order o, long externalId, long now) {
        engine.db().inTransaction(tx -> {
            long taken = tx.count(TAKEN, p.id(), Long.toString(externalId), o.id());
            if (taken != 0) {
                // the provider gave an id it gave before: whether it took this order at all is unknown
                stages.fail(tx, o.id(), engine.node(), Engine.clip("the provider answered upstream order " + externalId
                        + ", which is already our order " + taken + ": check the provider, then attach the right id, resend or refund"), now);
                log.warn("order {} was answered with upstream id {}, already order {}'s", o.id(), externalId, taken);
                return null;
            }
            if (stages.sent(tx, o.id(), engine.node(), Long.toString(externalId), now) == 1) return null;
            if (stages.sentAfterAll(tx, o.id(), engine.node(), Long.toString(externalId), now) == 1) {
                log.warn("order {} was accepted upstream as {} after its claim had expired; it is SENT again", o.id(), externalId);
                return null;
            }
            // the operator acted meanwhile (resent or refunded it): keep the upstream id where they will see it
            rows.note(tx, o.id(), Engine.clip("also accepted upstream as order " + externalId
                    + " by a late reply after the claim expired: check the provider for a duplicate"));
            log.error("order {} was accepted upstream as {} but was no longer ours to record", o.id(), externalId);
            return null;
        });
    }

    private void retry(Order o, String error, long nextAt, long now) {
        engine.db().inTransaction(tx -> stages.retry(tx, o.id(), engine.node(), error, nextAt, now));
    }

    private void fail(Order o, String error, long now) {
        engine.db().inTransaction(tx -> stages.fail(tx, o.id(), engine.node(), error, now));
    }
}
