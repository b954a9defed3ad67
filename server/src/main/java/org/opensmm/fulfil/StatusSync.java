package org.opensmm.fulfil;

import org.opensmm.client.OrderStatus;
import org.opensmm.client.Outcome;
import org.opensmm.client.PanelClient;
import org.opensmm.db.Tx;
import org.opensmm.ledger.Money;
import org.opensmm.order.Cancels;
import org.opensmm.order.Order;
import org.opensmm.order.OrderEvents;
import org.opensmm.order.Orders;
import org.opensmm.order.Stage;
import org.opensmm.order.Stages;
import org.opensmm.order.Status;
import org.opensmm.order.Subscriptions;
import org.opensmm.provider.Provider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps sent orders in step with their provider, in rounds: a round reads the provider's sent orders in id order, a
 * batch of 100 at a time, from a cursor in {@code provider_round} (the cursor's row lock serializes leases over every
 * process, so two never poll the same order in one round, and a round starts at most once per sync interval). Each
 * batch is polled with one {@code status orders=…} request, and whatever changed is written in one transaction per
 * batch; should that fail, each order is written alone, so one broken answer never holds back the others. An order
 * whose answer did not change is not written at all. Final statuses go through
 * {@link org.opensmm.order.OrderService#settle}, which refunds a Partial or Canceled order exactly once. What the
 * provider says that we will not apply by ourselves (a status we do not know or that does not fit the order, a number
 * out of bounds, a charge past what the customer agreed to) sends the order to the operator's {@link Review}.
 */
final class StatusSync {
    private static final Logger log = LoggerFactory.getLogger(StatusSync.class);

    private static final String ROUND = "INSERT INTO provider_round (provider_id) VALUES (?) ON CONFLICT DO NOTHING";
    // The provider's cursor; read FOR UPDATE it stays locked until the lease commits: leases of one provider queue
    // here, the polls do not.
    private static final String CURSOR = "SELECT after_id, started_at FROM provider_round WHERE provider_id = ?";
    // Served by orders_sent (provider_id, id) WHERE stage is SENT: the stage is a literal so every plan can use it.
    private static final String NEXT_ORDERS = """
            SELECT id, external_id, status, start_count, remains, quantity, parent_id, service_type, service_id, rate, upstream_charge
            FROM orders WHERE provider_id = ? AND stage = '%s' AND id > ? ORDER BY id LIMIT ?""".formatted(Stage.SENT.name());
    private static final String MOVE = "UPDATE provider_round SET after_id = ?, started_at = ? WHERE provider_id = ?";

    private final Engine engine;
    private final Orders rows = new Orders();
    private final Stages stages = new Stages();
    private final Cancels cancels = new Cancels();

    StatusSync(Engine engine) { this.engine = engine; }

    record Row(long id, String externalId, Status status, long startCount, long remains, long quantity, Long parentId,
               boolean subscription, long serviceId, Money rate, Money upstreamCharge) {}

    /** Leases and polls batches while the provider's gate has room and its round has orders left. */
    void tick(Provider p) {
        Gate gate = engine.gate(p);
        while (gate.open(engine.now()) && engine.inBatch(gate.polls, () -> lease(p.id(), engine.now()), List::isEmpty,
                (batch, release) -> poll(p, gate, batch, release), "status sync at provider " + p.id(), batch -> batch.size() == Settings.BATCH, () -> tick(p))) {
            // one more batch while orders are due and the gate has room
        }
    }

    /**
     * The next up to 100 orders of the provider's round, or none while the last round is done and the next not yet due.
     * A batch of fewer than 100 ends the round.
     */
    private List<Row> lease(long provider, long now) {
        long every = engine.settings().syncEvery().toMillis();
        return engine.db().inTransaction(tx -> {
            // a look without a lock first: most ticks of a provider between rounds then write (and sync) nothing
            Cursor seen = tx.one(CURSOR, Cursor::of, provider).orElse(null);
            if (seen != null && !seen.due(now, every)) return List.of();
            if (seen == null) tx.update(ROUND, provider);
            Cursor c = tx.one(CURSOR + " FOR UPDATE", Cursor::of, provider).orElseThrow();
            if (!c.due(now, every)) return List.of(); // another process started the round meanwhile
            long startedAt = c.afterId() == 0 ? now : c.startedAt();
            List<Row> batch = tx.list(NEXT_ORDERS, StatusSync::row, provider, c.afterId(), Settings.BATCH);
            tx.update(MOVE, batch.size() < Settings.BATCH ? 0 : batch.getLast().id(), startedAt, provider);
            return batch;
        });
    }

    /** Where a provider's round stands: after this order id (0: between rounds), started then. */
    private record Cursor(long afterId, long startedAt) {
        static Cursor of(ResultSet rs) throws SQLException { return new Cursor(rs.getLong(1), rs.getLong(2)); }

        /** A round is running, or the next one may start. */
        boolean due(long now, long every) { return afterId != 0 || now >= startedAt + every; }
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getLong(1), rs.getString(2), Status.ofWire(rs.getString(3)), rs.getLong(4), rs.getLong(5),
                rs.getLong(6), rs.getObject(7, Long.class), "Subscriptions".equals(rs.getString(8)) && rs.getObject(7) == null,
                rs.getLong(9), new Money(rs.getLong(10)), new Money(rs.getLong(11)));
    }

    /** Asks the provider about {@code batch} and writes what changed; {@code release} frees the provider's permit. */
    private void poll(Provider p, Gate gate, List<Row> batch, Runnable release) {
        Map<Long, Row> byExternal = new LinkedHashMap<>();
        for (Row r : batch) {
            try {
                byExternal.put(Long.parseLong(r.externalId()), r);
            } catch (NumberFormatException e) {
                log.warn("order {} has a non-numeric upstream id '{}'", r.id(), r.externalId());
            }
        }
        Map<Long, Outcome<OrderStatus>> replies = engine.providers().client(p).statuses(byExternal.keySet());
        boolean answered = replies.values().stream().anyMatch(o -> !(o instanceof Outcome.NoReply<OrderStatus> n) || unreadable(n));
        if (!answered) {
            gate.down(engine.now(), engine.settings());
            return; // the provider's next round asks again
        }
        gate.up();
        engine.writers().acquireUninterruptibly();
        try {
            release.run(); // the provider takes the next batch while this one is written
            long now = engine.now();
            try {
                engine.db().inTransaction(tx -> {
                    apply(tx, byExternal, replies, now);
                    return null;
                });
            } catch (RuntimeException batchFailed) {
                log.warn("status batch of {} orders at provider {} failed ({}); applying them one by one", replies.size(), p.id(), batchFailed.toString());
                for (var e : replies.entrySet()) applyAlone(byExternal, e.getKey(), e.getValue(), now);
            }
        } finally {
            engine.writers().release();
        }
    }

    /** One order's answer in a transaction of its own; if even that fails, the order goes to the operator with why. */
    private void applyAlone(Map<Long, Row> byExternal, long external, Outcome<OrderStatus> reply, long now) {
        try {
            engine.db().inTransaction(tx -> {
                apply(tx, byExternal, Map.of(external, reply), now);
                return null;
            });
        } catch (RuntimeException failed) {
            long order = byExternal.get(external).id();
            log.warn("status of order {} could not be applied; it goes to the operator", order, failed);
            engine.db().inTransaction(tx -> stages.review(tx, order, Engine.clip("status reply could not be applied: " + failed), now));
        }
    }

    private static boolean unreadable(Outcome.NoReply<OrderStatus> n) {
        return n.reason().startsWith(PanelClient.UNREADABLE);
    }

    private void apply(Tx tx, Map<Long, Row> byExternal, Map<Long, Outcome<OrderStatus>> replies, long now) throws SQLException {
        var progress = new ArrayList<Orders.Progress>();
        Set<Long> parents = new LinkedHashSet<>();
        // in order id order: two batches that hold the same order (a poll slower than the interval) lock rows in the
        // same order, so they queue one behind the other instead of deadlocking
        var inIdOrder = replies.entrySet().stream().sorted(java.util.Comparator.comparingLong(e -> byExternal.get(e.getKey()).id())).toList();
        for (var e : inIdOrder) {
            Row r = byExternal.get(e.getKey());
            switch (e.getValue()) {
                case Outcome.Ok<OrderStatus> ok -> {
                    String overcharged = r.subscription() ? chargePosts(tx, r, ok.value()) : null;
                    Money cost = r.subscription() ? null : newCost(r, ok.value()); // a subscription's is chargePosts'
                    Change c = overcharged != null ? Change.review(r, overcharged) : Change.of(r, ok.value());
                    if (c == null) { // the same answer as last time: at most the cost is new
                        if (cost != null) progress.add(new Orders.Progress(r.id(), r.status(), r.status(), r.startCount(), r.remains(), cost));
                        continue;
                    }
                    if (c.review() == null && c.error() == null && !c.status().finished()) {
                        progress.add(new Orders.Progress(r.id(), r.status(), c.status(), c.startCount(), c.remains(), cost));
                    } else {
                        if (cost != null) rows.upstreamCharged(tx, r.id(), cost);
                        if (c.review() != null) {
                            stages.review(tx, r.id(), Engine.clip(c.review()), now);
                        } else if (c.error() != null) {
                            rows.syncError(tx, r.id(), Engine.clip(c.error()));
                        } else {
                            settle(tx, r, c, now);
                        }
                    }
                    if (r.parentId() != null) parents.add(r.parentId());
                }
                // "Incorrect order ID" and the like: shown to the operator, polled again next round
                case Outcome.Rejected<OrderStatus> rej -> rows.syncError(tx, r.id(), Engine.clip("status: " + rej.error()));
                case Outcome.NoReply<OrderStatus> n when unreadable(n) -> stages.review(tx, r.id(), Engine.clip("status: " + n.reason()
                        + " — reply: " + n.raw().strip()), now);
                case Outcome.NoReply<OrderStatus> n -> { } // missing from the reply: asked again next round
            }
        }
        rows.progress(tx, progress, now);
        rows.nudgeParents(tx, parents, now);
    }

    // What our customer pays for a forwarded subscription's posts: the provider's charge scaled by our rate over theirs.
    private static final String UPSTREAM_RATE = """
            SELECT u.rate FROM service_provider m JOIN upstream_service u ON u.provider_id = m.provider_id AND u.service = m.upstream_service
            WHERE m.service_id = ?""";

    /**
     * A forwarded subscription's provider charged us for new posts: our customer pays the same posts at our rate, in
     * this transaction, never past what they agreed to (Subscriptions.agreed). A customer who cannot pay gets the
     * subscription canceled upstream (it ends when money does). Why the order needs the operator, or null.
     */
    private String chargePosts(Tx tx, Row r, OrderStatus up) throws SQLException {
        if (up.charge() == null) return null;
        Money total, ours;
        try {
            total = Money.of(up.charge());
            if (total.compareTo(r.upstreamCharge()) <= 0) return null;
            Money theirs = total.minus(r.upstreamCharge());
            long upstreamRate = tx.count(UPSTREAM_RATE, r.serviceId());
            ours = upstreamRate > 0 ? theirs.share(r.rate().micros(), upstreamRate) : theirs;
        } catch (ArithmeticException outOfRange) {
            return "upstream charge " + up.charge().toPlainString() + " is out of range: nothing charged";
        }
        Order s = rows.find(tx, r.id()).orElseThrow();
        String overcharged = null;
        Money agreed = Subscriptions.agreed(s).orElse(null);
        if (agreed != null && ours.compareTo(agreed.minus(s.charge())) > 0) {
            Money room = agreed.minus(s.charge()).isNegative() ? Money.ZERO : agreed.minus(s.charge());
            overcharged = "upstream charge " + total.toWire() + " makes the posts cost our customer " + s.charge().plus(ours).toWire()
                    + ", past the " + agreed.toWire() + " of posts × max at their rate: charged " + room.toWire() + " of " + ours.toWire()
                    + "; check the provider";
            ours = room;
        }
        try {
            engine.orders().chargePosts(tx, r.id(), ours);
        } catch (org.opensmm.core.Refusal outOfFunds) {
            cancels.outOfFunds(tx, r.id(), Engine.clip("customer cannot pay " + ours.toWire() + " for new posts: canceling upstream"));
        }
        rows.upstreamCharged(tx, r.id(), total);
        return overcharged;
    }

    /** What the provider says the order cost us (kept for the operator's reports) when it differs from what we have, else null. */
    private static Money newCost(Row r, OrderStatus up) {
        if (up.charge() == null) return null;
        try {
            Money cost = Money.of(up.charge());
            return !cost.isNegative() && !cost.equals(r.upstreamCharge()) ? cost : null;
        } catch (ArithmeticException outOfRange) {
            return null; // an absurd figure is not a cost we report; the status itself is applied as usual
        }
    }

    private void settle(Tx tx, Row r, Change c, long now) throws SQLException {
        try {
            engine.orders().settle(tx, r.id(), c.status(), c.startCount(), c.remains(), OrderEvents.Source.SYNC);
            stages.synced(tx, r.id(), now);
        } catch (IllegalStateException | IllegalArgumentException refused) {
            // settled otherwise meanwhile (the operator) or a final status we cannot reconcile: for the operator to see
            rows.syncError(tx, r.id(), Engine.clip("upstream says " + c.status().wire() + " (remains " + c.remains() + "): "
                    + refused.getMessage()));
        }
    }

    /**
     * What an upstream status changes about our order: nothing (null), an error to show while polling on, a reason to
     * hand it to the operator (review), or new values.
     */
    record Change(Status status, long startCount, long remains, String error, String review) {
        Change(Status status, long startCount, long remains, String error) { this(status, startCount, remains, error, null); }

        static Change review(Row r, String why) { return new Change(r.status(), r.startCount(), r.remains(), null, why); }

        static Change of(Row r, OrderStatus up) {
            if (up.status() == org.opensmm.client.Status.UNKNOWN) {
                return review(r, "upstream status not understood: '" + up.rawStatus() + "'; check the provider, then attach or settle it");
            }
            Status status = Status.valueOf(up.status().name());
            if (status.subscriptionOnly() && !r.subscription()) {
                // Expired on a Default order would close it with no refund: whether anything was delivered is the operator's call
                return review(r, "upstream says '" + up.rawStatus() + "', a subscription status, of an order that is none (remains "
                        + up.remains() + "): nothing refunded; check the provider, then settle it (order set-status) or attach it");
            }
            long startCount = up.startCount() == null ? r.startCount() : Math.max(0, up.startCount());
            // some panels say "remains": "0" of an order not yet started (PROTOCOL.md): remains counts once it has started or ended
            boolean notStarted = status == Status.PENDING;
            long remains = up.remains() == null || notStarted ? r.remains() : Math.max(0, Math.min(r.quantity(), up.remains()));
            if (status == Status.COMPLETED) remains = 0;
            // the refund is the undelivered share: without a number for it, guessing would hand out money
            if (status == Status.PARTIAL && up.remains() == null) return new Change(r.status(), r.startCount(), r.remains(), "upstream says Partial without remains");
            if (status == Status.PARTIAL && remains == 0) status = Status.COMPLETED; // nothing undelivered, nothing to refund
            if (status == r.status() && startCount == r.startCount() && remains == r.remains()) return null;
            return new Change(status, startCount, remains, null);
        }
    }
}
