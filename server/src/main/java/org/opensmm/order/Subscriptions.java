package org.opensmm.order;

import org.opensmm.account.Actor;
import org.opensmm.account.Audit;
import org.opensmm.account.Refused;
import org.opensmm.core.Reason.Fixed;
import org.opensmm.core.Refusal;
import org.opensmm.catalog.Rate;
import org.opensmm.db.Database;
import org.opensmm.ledger.Ledger;
import org.opensmm.ledger.Money;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Subscriptions cost nothing when placed: each post is charged when it comes (PROTOCOL.md). Ours become child orders;
 * a forwarded one is charged as its provider charges us. Either way the subscription ends when the money does.
 */
public final class Subscriptions {
    private final Database db;
    private final Ledger ledger;
    private final Orders orders;
    private final OrderService service;
    private final Clock clock;

    public Subscriptions(Database db, Ledger ledger, Orders orders, OrderService service, Clock clock) {
        this.db = db;
        this.ledger = ledger;
        this.orders = orders;
        this.service = service;
        this.clock = clock;
    }

    /**
     * The most a subscription's customer agreed to pay for it: (posts + old_posts) × max at its rate, rounded where every
     * charge is. Empty when posts is open-ended (it then runs until expiry or the money ends).
     */
    public static Optional<Money> agreed(Order s) {
        String posts = s.fields().get("posts");
        if (posts == null || posts.isBlank()) return Optional.empty();
        String old = s.fields().getOrDefault("old_posts", "");
        long all = Long.parseLong(posts) + (old.isBlank() ? 0 : Long.parseLong(old));
        long max = Long.parseLong(s.fields().get("max"));
        return Optional.of(new Rate(s.rate(), 0).chargeFor(Math.multiplyExact(all, max), false));
    }

    /**
     * A person adds a post to an active subscription, charged now at its rate: the post, or empty when the customer
     * cannot pay for it and the subscription has ended (Completed).
     */
    public Optional<Order> post(Actor who, long subscriptionId, long quantity) {
        if (quantity < 1) throw new Refused("a post is at least 1 unit");
        return post(Optional.of(who), subscriptionId, quantity).map(id -> service.find(id).orElseThrow());
    }

    /**
     * A new post of an active subscription: a child order of {@code quantity} units charged at the subscription's rate.
     * Empty when the customer cannot pay for it, and the subscription has then ended (Completed).
     */
    public Optional<Long> post(long subscriptionId, long quantity) {
        return post(Optional.empty(), subscriptionId, quantity);
    }

    private Optional<Long> post(Optional<Actor> who, long subscriptionId, long quantity) {
        try {
            return Optional.of(db.inTransaction(tx -> {
                Order s = orders.lock(tx, subscriptionId).filter(OrderService::isSubscription)
                        .orElseThrow(() -> new IllegalArgumentException("no subscription " + subscriptionId));
                if (s.status() != Status.ACTIVE) throw new IllegalStateException("subscription " + subscriptionId + " is " + s.status().wire());
                Money charge = new Rate(s.rate(), 0).chargeFor(quantity, false);
                var placement = new Placement(null, quantity, null, null, quantity, Map.of("username", s.fields().getOrDefault("username", "")));
                var post = new Orders.New(s.customerId(), s.serviceId(), s.type(), s.id(), placement, s.rate(), charge, null,
                        Stage.MANUAL, clock.millis());
                long id = ledger.placeAndCharge(tx, s.customerId(), charge, Orders.insertSql(), Orders.values(post));
                if (who.isPresent()) {
                    Audit.record(tx, who.get(), "subscription.post", "order", subscriptionId, null,
                            Map.of("post", id, "quantity", quantity, "charge", charge));
                }
                return id;
            }));
        } catch (Refusal r) {
            if (r.reason() != Fixed.NOT_ENOUGH_FUNDS) throw r;
            service.applyStatus(subscriptionId, Status.COMPLETED, null, 0L);
            return Optional.empty();
        }
    }
}
