package org.opensmm.order;

import org.opensmm.account.Actor;
import org.opensmm.account.ApiKey;
import org.opensmm.account.Audit;
import org.opensmm.account.Refused;
import org.opensmm.core.Reason.Fixed;
import org.opensmm.core.Refusal;
import org.opensmm.catalog.Catalog;
import org.opensmm.catalog.Service;
import org.opensmm.catalog.ServiceType;
import org.opensmm.db.Database;
import org.opensmm.db.Tx;
import org.opensmm.ledger.Ledger;
import org.opensmm.ledger.Money;
import org.opensmm.order.OrderEvents.Source;
import org.opensmm.order.OrderEvents.What;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Placing orders, reading their status, status changes with their refunds, and cancels. */
public final class OrderService {
    private static final String SQL_STATE_UNIQUE = "23505";
    // Finished, an order not yet sent (NEW) or waiting for the operator (FAIL) is done: never dispatched, resent or listed.
    private static final String SETTLE = """
            UPDATE orders SET status = ?, start_count = ?, remains = ?, refunded = ?, completed_at = ?, active_link = ?,
                   cancel_state = ?, updated_at = ?, stage = ?
            WHERE id = ? AND status = ? AND refunded = 0 AND\s""" + Status.UNFINISHED;
    private static final String CANCEL_REQUESTS = "SELECT " + Orders.COLUMNS + " FROM orders WHERE cancel_state = ? ORDER BY id";

    private final Database db;
    private final Catalog catalog;
    private final Ledger ledger;
    private final Orders orders;
    private final Stages stages = new Stages();
    private final Cancels cancels = new Cancels();
    private final Clock clock;

    public OrderService(Database db, Catalog catalog, Ledger ledger, Orders orders, Clock clock) {
        this.db = db;
        this.catalog = catalog;
        this.ledger = ledger;
        this.orders = orders;
        this.clock = clock;
    }

    /**
     * {@code action=add}: validates, then inserts the order and debits its charge in one transaction. Everything that
     * only reads comes first, outside it: the transaction holds its connection (and, on the hot path, the balance row)
     * for the writes alone.
     */
    public long add(long customer, long serviceId, Function<String, String> field) {
        Catalog.Offer offer = catalog.offer(customer, serviceId).orElseThrow(() -> new Refusal(Fixed.INCORRECT_SERVICE_ID));
        Service service = offer.service();
        Placement placement = Placement.read(service, field, LocalDate.now(clock));
        // a subscription costs nothing now (PROTOCOL.md): each post is charged when created, and it ends when money runs out
        Money charge = service.rate().chargeFor(placement.units(), service.type().perPackage());
        String active = placement.link() == null ? null : ApiKey.sha256(placement.link());
        // a service mapped to an upstream provider is forwarded by the fulfilment engine (NEW); any other is the operator's
        var order = new Orders.New(customer, serviceId, service.type(), null, placement, service.rate().price(), charge, active,
                offer.forwarded() ? Stage.NEW : Stage.MANUAL, clock.millis());
        return db.inTransaction(tx -> {
            try {
                return ledger.placeAndCharge(tx, customer, charge, Orders.insertSql(), Orders.values(order)); // Refusal → all rolls back
            } catch (SQLException e) {
                if (SQL_STATE_UNIQUE.equals(e.getSQLState())) throw new Refusal(Fixed.ACTIVE_ORDER_WITH_LINK);
                throw e;
            }
        });
    }

    /** The caller's order, or empty: another customer's order looks exactly like a missing one. */
    public Optional<View> status(long customer, long id) {
        return Optional.ofNullable(statuses(customer, List.of(id)).get(id));
    }

    /** The caller's orders among {@code ids}, by id: one narrow query, and one more only when subscriptions are among them. */
    public Map<Long, View> statuses(long customer, List<Long> ids) {
        return db.read(tx -> {
            var rows = orders.statuses(tx, customer, ids);
            List<Long> subscriptions = rows.stream().filter(Orders.StatusRow::subscription).map(Orders.StatusRow::id).toList();
            Map<Long, Money> posts = orders.childCharges(tx, subscriptions);
            var out = new java.util.HashMap<Long, View>();
            for (var r : rows) {
                out.put(r.id(), new View(r.id(), r.status(), r.startCount(), r.remains(), r.finalCharge().plus(posts.getOrDefault(r.id(), Money.ZERO))));
            }
            return out;
        });
    }

    /** What {@code status} shows of an order: for a subscription, the charge includes what its posts cost so far. */
    public record View(long id, Status status, long startCount, long remains, Money charge) {}

    /** A subscription itself, not one of its posts. */
    static boolean isSubscription(Order o) { return o.type() == ServiceType.SUBSCRIPTIONS && o.parentId() == null; }

    /**
     * Moves an order to {@code status} (operator or fulfilment). Partial refunds the undelivered share and Canceled
     * the whole charge, exactly once: the row lock serializes racing calls and refund_of rejects a second refund.
     */
    public Order applyStatus(long orderId, Status status, Long startCount, Long remains) {
        return applyStatus(null, orderId, status, startCount, remains);
    }

    /** {@code who} null: the fulfilment engine, not audited; a person's change is audited in its transaction. */
    private Order applyStatus(Actor who, long orderId, Status status, Long startCount, Long remains) {
        return db.inTransaction(tx -> {
            Order o = orders.lock(tx, orderId).orElseThrow(() -> new IllegalArgumentException("no order " + orderId));
            Order after = null;
            if (status == Status.CANCELED && !o.status().finished()) {
                // Refunding here would leave the provider delivering, and billing us, for an order we gave back
                if (o.stage() == Stage.SENDING) {
                    throw new IllegalStateException("order " + orderId + " is being sent to its provider right now: try again in a minute");
                }
                if (o.stage() == Stage.SENT) after = forwardCancel(tx, o);
            }
            if (after == null) after = settle(tx, orderId, status, startCount, remains, by(who));
            if (who != null && !after.equals(o)) {
                Audit.record(tx, who, after.status() == status ? "order.set-status" : "order.cancel-forward", "order", orderId, o, after);
            }
            return after;
        });
    }

    /**
     * Cancels an order that is upstream the way a customer's cancel goes: the request is forwarded to the provider, and
     * the order turns Canceled with its refund when the provider confirms. The order as it is now, cancel_state REQUESTED.
     */
    private Order forwardCancel(Tx tx, Order o) throws SQLException {
        if (cancels.request(tx, o.id(), clock.millis(), Source.OPERATOR) != 1) {
            throw new IllegalStateException("order " + o.id() + " already has a cancel request (" + o.cancelState()
                    + "): it turns Canceled with its refund when provider " + o.providerId() + " confirms");
        }
        return orders.find(tx, o.id()).orElseThrow();
    }

    /** Settles as the fulfilment engine: {@link #settle(Tx, long, Status, Long, Long, Source)}. */
    public Order settle(Tx tx, long orderId, Status status, Long startCount, Long remains) throws SQLException {
        return settle(tx, orderId, status, startCount, remains, Source.ENGINE);
    }

    /** Moves the order to {@code status} with its refund, in the caller's transaction; the move is in its history as {@code by}'s. */
    public Order settle(Tx tx, long orderId, Status status, Long startCount, Long remains, Source by) throws SQLException {
        Order o = orders.lock(tx, orderId).orElseThrow(() -> new IllegalArgumentException("no order " + orderId));
        if (o.status().finished()) {
            if (o.status() == status) return o; // applying the same final status twice changes nothing
            throw new IllegalStateException("order " + orderId + " is already " + o.status().wire());
        }
        long left = switch (status) {
            case COMPLETED -> 0;
            case CANCELED -> o.quantity();
            default -> remains == null ? o.remains() : remains;
        };
        if (left < 0 || left > o.quantity()) throw new IllegalArgumentException("remains must be between 0 and " + o.quantity());
        if (status == Status.PARTIAL && left == 0) throw new IllegalArgumentException("a Partial order has remains > 0");
        // a subscription's charge is for posts already delivered: ending it refunds nothing
        Money refund = isSubscription(o) ? Money.ZERO : switch (status) {
            case CANCELED -> o.charge();
            case PARTIAL -> o.charge().share(left, o.quantity());
            default -> Money.ZERO;
        };
        long now = clock.millis();
        boolean finished = status.finished();
        CancelState cancelState = status == Status.CANCELED && o.cancelState() != null
                ? CancelState.checkedMove(o.cancelState(), CancelState.DONE) : o.cancelState();
        Stage stage = finished && (o.stage() == Stage.NEW || o.stage() == Stage.FAIL) ? o.stage().checkedMove(Stage.DONE) : o.stage();
        int rows = tx.update(SETTLE, status.wire(), startCount == null ? o.startCount() : startCount, left, refund.micros(),
                finished ? Long.valueOf(now) : o.completedAt(), finished ? null : activeLink(o),
                cancelState == null ? null : cancelState.name(), now, stage.name(), orderId, o.status().wire());
        if (rows != 1) throw new IllegalStateException("order " + orderId + " changed meanwhile");
        ledger.refund(tx, o.customerId(), refund, orderId);
        if (status != o.status()) OrderEvents.add(tx, orderId, now, by, What.STATUS, o.status().wire(), status.wire(), null);
        if (stage != o.stage()) OrderEvents.add(tx, orderId, now, by, What.STAGE, o.stage(), stage, null);
        if (!refund.isZero()) OrderEvents.add(tx, orderId, now, by, What.REFUND, null, null, refund.toWire());
        return orders.find(tx, orderId).orElseThrow();
    }

    /**
     * Charges a forwarded subscription's customer for posts its provider has charged us for, in the caller's
     * transaction. Refuses with "Not enough funds on balance", changing nothing, when the customer cannot pay.
     */
    public void chargePosts(Tx tx, long subscriptionId, Money amount) throws SQLException {
        if (amount.isZero()) return;
        Order s = orders.find(tx, subscriptionId).filter(OrderService::isSubscription)
                .orElseThrow(() -> new IllegalArgumentException("no subscription " + subscriptionId));
        ledger.charge(tx, s.customerId(), amount, subscriptionId);
        tx.update("UPDATE orders SET charge = charge + ?, updated_at = ? WHERE id = ?", amount.micros(), clock.millis(), subscriptionId);
    }

    /**
     * {@code action=cancel} for one order. Not yet sent upstream: canceled at once with a full refund.
     * Otherwise the request is stored for the operator or the provider to confirm.
     */
    public void cancel(long customer, long orderId) {
        db.inTransaction(tx -> {
            Order o = orders.lock(tx, orderId).filter(x -> x.customerId() == customer)
                    .orElseThrow(() -> new Refusal(Fixed.INCORRECT_ORDER_ID));
            boolean allowed = catalog.find(tx, o.serviceId()).map(Service::cancel).orElse(false);
            if (!allowed) throw new Refusal(Fixed.CANCEL_DISABLED);
            if (o.status().finished() || o.cancelState() == CancelState.REQUESTED || o.cancelState() == CancelState.DONE) {
                throw new Refusal(Fixed.CANCEL_NOT_AVAILABLE);
            }
            // not picked up by the engine (NEW) nor started by the operator (MANUAL, still Pending): nothing to undo
            if (o.status() == Status.PENDING && (o.stage() == Stage.NEW || o.stage() == Stage.MANUAL)) {
                cancels.request(tx, orderId, clock.millis(), Source.CUSTOMER);
                settle(tx, orderId, Status.CANCELED, null, null, Source.CUSTOMER); // ends a NEW one
                if (o.stage() == Stage.MANUAL) stages.end(tx, orderId, Stage.MANUAL, Source.CUSTOMER);
            } else if (cancels.request(tx, orderId, clock.millis(), Source.CUSTOMER) != 1) {
                throw new Refusal(Fixed.CANCEL_NOT_AVAILABLE);
            }
            return null;
        });
    }

    /** The operator's answer to a stored cancel request: accept cancels with a full refund, reject keeps the order. */
    public Order resolveCancel(long orderId, boolean accept) { return resolveCancel(null, orderId, accept); }

    private Order resolveCancel(Actor who, long orderId, boolean accept) {
        return db.inTransaction(tx -> {
            Order o = orders.lock(tx, orderId).orElseThrow(() -> new IllegalArgumentException("no order " + orderId));
            if (o.cancelState() != CancelState.REQUESTED) throw new IllegalStateException("order " + orderId + " has no cancel request");
            Order after;
            if (accept) {
                after = settle(tx, orderId, Status.CANCELED, null, null, by(who));
                if (o.stage() == Stage.MANUAL) stages.end(tx, orderId, Stage.MANUAL, by(who));
            } else {
                cancels.reject(tx, orderId, clock.millis(), by(who));
                after = orders.find(tx, orderId).orElseThrow();
            }
            if (who != null) Audit.record(tx, who, accept ? "order.cancel-accept" : "order.cancel-reject", "order", orderId, o, after);
            return after;
        });
    }

    /**
     * A person asks for an order to be canceled, as a customer's {@code cancel} would: a manual order's request waits
     * for the operator or a worker (cancel/pull), an order upstream has it forwarded. Refused for a finished order or
     * one already asked.
     */
    public Order requestCancel(Actor who, long orderId) {
        return db.inTransaction(tx -> {
            Order o = lockUnfinished(tx, orderId);
            if (cancels.request(tx, orderId, clock.millis(), Source.OPERATOR) != 1) throw new Refused("order " + orderId + " already has a cancel request", "refused.cancel_requested");
            Order after = orders.find(tx, orderId).orElseThrow();
            Audit.record(tx, who, "order.request-cancel", "order", orderId, o, after);
            return after;
        });
    }

    private static final String EDIT_LINK = "UPDATE orders SET link = ?, active_link = ?, updated_at = ? WHERE id = ? AND " + Status.UNFINISHED;

    /** The order, locked, for a person's change; unknown or already final is refused in words. */
    private Order lockUnfinished(Tx tx, long orderId) throws SQLException {
        Order o = orders.lock(tx, orderId).orElseThrow(() -> new Refused("no order " + orderId, "refused.no_order"));
        if (o.status().finished()) throw new Refused("order " + orderId + " is already " + o.status().wire(), "refused.order_final");
        return o;
    }

    /** A person corrects an unfinished order's link; the customer sees the new one. */
    public Order editLink(Actor who, long orderId, String link) {
        String clean = link == null ? "" : link.strip();
        if (clean.isEmpty() || clean.length() > 2000) throw new Refused("a link is 1 to 2000 characters", "refused.link");
        return db.inTransaction(tx -> {
            Order o = lockUnfinished(tx, orderId);
            try {
                tx.update(EDIT_LINK, clean, o.link() == null ? null : ApiKey.sha256(clean), clock.millis(), orderId);
            } catch (SQLException e) {
                if (SQL_STATE_UNIQUE.equals(e.getSQLState())) throw new Refused("the customer has another active order with this link", "refused.link_taken");
                throw e;
            }
            Order after = orders.find(tx, orderId).orElseThrow();
            Audit.record(tx, who, "order.edit-link", "order", orderId, o, after);
            return after;
        });
    }

    private static final EnumSet<Status> SUBSCRIPTION_ONLY = EnumSet.of(Status.ACTIVE, Status.PAUSED, Status.EXPIRED);

    /** What a person's status change did. */
    public sealed interface StatusChange {
        /** The order was already in that final status: nothing changed, nothing refunded again. */
        record Unchanged(Order order) implements StatusChange {}

        /** A cancel of an order that is upstream: forwarded to its provider; Canceled with its refund when the provider confirms. */
        record CancelForwarded(Order order) implements StatusChange {}

        /** Moved; Partial and Canceled refunded once. */
        record Changed(Order before, Order after) implements StatusChange {
            public Money refund() { return after.refunded().minus(before.refunded()); }
        }
    }

    /**
     * A person moves an order to {@code status}, as the fulfilment engine would: Partial refunds the undelivered share
     * and Canceled the whole charge, once; a finished order does not change; canceling an order that is upstream asks
     * its provider first.
     */
    public StatusChange setStatus(Actor who, long orderId, Status status, Long startCount, Long remains) {
        if (startCount != null && startCount < 0) throw new Refused("a start count cannot be negative", "refused.start_count");
        Order before = existing(orderId);
        if (SUBSCRIPTION_ONLY.contains(status) && before.type() != ServiceType.SUBSCRIPTIONS) {
            throw new Refused(status.wire() + " is a subscription status; order " + orderId + " is a " + before.type().wire() + " order",
                    "refused.subscription_status");
        }
        // a finished order stays as it is (applyStatus re-checks under the row lock), so reading it first is enough
        if (before.status().finished() && before.status() == status) {
            if (remains != null && remains != before.remains()) {
                throw new Refused("order " + orderId + " is already " + status.wire() + " with remains " + before.remains()
                        + "; a finished order does not change", "refused.order_final");
            }
            return new StatusChange.Unchanged(before);
        }
        Order after = applyStatus(who, orderId, status, startCount, remains);
        return after.status() == status ? new StatusChange.Changed(before, after) : new StatusChange.CancelForwarded(after);
    }

    /**
     * A person says {@code remains} of the order were not delivered: Partial with the undelivered share refunded once, or
     * Canceled with the whole charge when nothing was delivered (a partial of nothing is a cancel).
     */
    public StatusChange setPartial(Actor who, long orderId, long remains) {
        Order o = existing(orderId);
        if (remains <= 0 || remains > o.quantity()) throw new Refused("remains must be between 1 and " + o.quantity(), "refused.remains");
        return setStatus(who, orderId, remains == o.quantity() ? Status.CANCELED : Status.PARTIAL, null, remains);
    }

    /** A person accepts a customer's stored cancel request: the order is canceled with a full refund. */
    public Order acceptCancel(Actor who, long orderId) {
        existing(orderId);
        return resolveCancel(who, orderId, true);
    }

    /** A person rejects a customer's stored cancel request: the order goes on, and the customer may ask again. */
    public Order rejectCancel(Actor who, long orderId) {
        existing(orderId);
        return resolveCancel(who, orderId, false);
    }

    private Order existing(long orderId) {
        return find(orderId).orElseThrow(() -> new Refused("no order " + orderId + " (see: opensmm order list)", "refused.no_order"));
    }

    public Optional<Order> find(long id) { return db.read(tx -> orders.find(tx, id)); }

    public List<Order> recent(Long customer, Status status, int limit) {
        return db.read(tx -> orders.recent(tx, customer, status, limit));
    }

    // Upstream (SENT) and still Pending: the provider took the order and has not started it. Served by orders_pending_sent.
    private static final String STUCK = "SELECT " + Orders.COLUMNS
            + " FROM orders WHERE status = 'Pending' AND stage = ? AND created_at < ? ORDER BY created_at, id LIMIT ?";

    /**
     * Orders at a provider still Pending {@code longer} than this after they were placed, oldest first: panels whose own
     * delivery failed show such orders Pending forever, and our customer's money waits on them. For the operator's
     * attention list ({@code order stuck}) and for alerts.
     */
    public List<Order> stuck(Duration longer, int limit) {
        long before = clock.millis() - longer.toMillis();
        return db.read(tx -> tx.list(STUCK, Orders::order, Stage.SENT.name(), before, limit));
    }

    public List<Order> cancelRequests() {
        return db.read(tx -> tx.list(CANCEL_REQUESTS, Orders::order, CancelState.REQUESTED.name()));
    }

    /** A person's move, or the engine's when nobody is named. */
    private static Source by(Actor who) { return who == null ? Source.ENGINE : Source.OPERATOR; }

    private static String activeLink(Order o) { return o.link() == null ? null : ApiKey.sha256(o.link()); }
}
