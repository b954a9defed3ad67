package org.opensmm.fulfil;

import org.opensmm.account.Actor;
import org.opensmm.client.OrderStatus;
import org.opensmm.client.Outcome;
import org.opensmm.db.Database;
import org.opensmm.ledger.Money;
import org.opensmm.order.Order;
import org.opensmm.order.OrderService;
import org.opensmm.order.Stage;
import org.opensmm.provider.Provider;
import org.opensmm.provider.Providers;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the upstream order an add with no reply may have created. API v2 cannot list orders nor show a link, but a
 * panel's {@code status} answers only for the caller's own orders: an id near the ids the provider gave our other adds
 * of that time, that the provider says is ours and that none of our orders holds, is an order we placed and never
 * heard back about. Its charge tells whether it is this order's service and quantity. One status request, no add.
 */
public final class LostAdds {
    /** How far past the nearest known id to look when there is none on one side; a 100-id status request at most. */
    static final int REACH = 50;
    private static final String BEFORE = """
            SELECT external_id FROM orders WHERE provider_id = ? AND external_id IS NOT NULL AND id <> ? AND created_at <= ?
            ORDER BY created_at DESC, id DESC LIMIT 20""";
    private static final String AFTER = """
            SELECT external_id FROM orders WHERE provider_id = ? AND external_id IS NOT NULL AND id <> ? AND created_at >= ?
            ORDER BY created_at, id LIMIT 20""";
    private static final String HELD = "SELECT COUNT(*) FROM orders WHERE provider_id = ? AND external_id = ?";
    // What the provider charges for the order, to compare with a candidate's charge
    private static final String UPSTREAM_RATE = """
            SELECT u.rate FROM service_provider m JOIN upstream_service u ON u.provider_id = m.provider_id AND u.service = m.upstream_service
            WHERE m.service_id = ? AND m.provider_id = ?""";

    private final Database db;
    private final Providers providers;
    private final OrderService orders;
    private final Review review;

    public LostAdds(Database db, Providers providers, OrderService orders, Review review) {
        this.db = db;
        this.providers = providers;
        this.orders = orders;
        this.review = review;
    }

    /** An upstream order of ours that none of our orders holds; {@code chargeMatches} null when we cannot tell. */
    public record Candidate(long upstreamId, String status, BigDecimal charge, Long remains, Boolean chargeMatches) {}

    /** What was asked upstream and what it answered: the candidates, best first. */
    public record Found(Order order, List<Long> asked, List<Candidate> candidates, Money expectedCharge) {
        /** The one candidate attaching needs no more thought about: alone, or the only one whose charge matches. */
        public java.util.Optional<Candidate> best() {
            List<Candidate> matching = candidates.stream().filter(c -> Boolean.TRUE.equals(c.chargeMatches())).toList();
            if (matching.size() == 1) return java.util.Optional.of(matching.getFirst());
            if (candidates.size() == 1 && !Boolean.FALSE.equals(candidates.getFirst().chargeMatches())) {
                return java.util.Optional.of(candidates.getFirst());
            }
            return java.util.Optional.empty();
        }
    }

    /**
     * Candidates for a failed order whose add got no reply: among {@code ids} if given (the operator's guess), else the
     * ids between those the provider gave our adds just before and just after it.
     */
    public Found find(Actor who, long orderId, List<Long> ids) {
        Order o = orders.find(orderId).orElseThrow(() -> new IllegalArgumentException("no order " + orderId));
        if (o.stage() != Stage.FAIL || o.status().finished()) throw new IllegalArgumentException("order " + orderId + " is not in Fail");
        if (o.externalId() != null) throw new IllegalArgumentException("order " + orderId + " is upstream order " + o.externalId() + " already");
        if (o.providerId() == null) throw new IllegalArgumentException("order " + orderId + " was never sent to a provider");
        Provider p = providers.get(o.providerId());
        List<Long> wanted = ids == null || ids.isEmpty() ? near(o) : ids;
        List<Long> asked = db.read(tx -> {
            var out = new ArrayList<Long>();
            for (long id : wanted) {
                if (id > 0 && tx.count(HELD, p.id(), Long.toString(id)) == 0 && out.size() < 100) out.add(id);
            }
            return out;
        });
        Money expected = expectedCharge(o);
        var candidates = new ArrayList<Candidate>();
        if (!asked.isEmpty()) {
            Map<Long, Outcome<OrderStatus>> replies = providers.client(p).statuses(asked);
            for (long id : asked) {
                if (replies.get(id) instanceof Outcome.Ok<OrderStatus> ok) {
                    OrderStatus s = ok.value();
                    Boolean matches = expected == null || s.charge() == null ? null : chargeMatches(s.charge(), expected);
                    candidates.add(new Candidate(id, s.rawStatus(), s.charge(), s.remains(), matches));
                }
            }
        }
        candidates.sort(java.util.Comparator.comparing((Candidate c) -> !Boolean.TRUE.equals(c.chargeMatches())));
        return new Found(o, asked, candidates, expected);
    }

    /** Attaches the order to its one clear candidate: the operator's single confirmation. */
    public Order attachBest(Actor who, long orderId, List<Long> ids) {
        Found f = find(who, orderId, ids);
        Candidate c = f.best().orElseThrow(() -> new IllegalArgumentException("no single matching upstream order for order " + orderId
                + " (" + f.candidates().size() + " candidates): attach one by hand (provider attach ORDER UPSTREAM_ID)"));
        return review.attach(who, orderId, c.upstreamId());
    }

    /** Unheld ids between the ids the provider gave our adds placed just before and just after this one. */
    private List<Long> near(Order o) {
        return db.read(tx -> {
            TreeSet<Long> before = numbers(tx.list(BEFORE, rs -> rs.getString(1), o.providerId(), o.id(), o.createdAt()));
            TreeSet<Long> after = numbers(tx.list(AFTER, rs -> rs.getString(1), o.providerId(), o.id(), o.createdAt()));
            if (before.isEmpty() && after.isEmpty()) return List.of();
            // concurrent adds finish in any order: span everything given around this one, and a little beyond
            Set<Long> known = new TreeSet<>(before);
            known.addAll(after);
            long from = Math.max(1, (before.isEmpty() ? after.first() : before.first()) - (before.isEmpty() ? REACH : 1));
            long to = (after.isEmpty() ? before.last() : after.last()) + (after.isEmpty() ? REACH : 1);
            var out = new ArrayList<Long>();
            for (long id = from; id <= to && out.size() < 100; id++) if (!known.contains(id)) out.add(id);
            return out;
        });
    }

    private Money expectedCharge(Order o) {
        long rate = db.read(tx -> tx.count(UPSTREAM_RATE, o.serviceId(), o.providerId()));
        if (rate <= 0) return null;
        try {
            return new org.opensmm.catalog.Rate(new Money(rate), 5).chargeFor(o.type().perPackage() ? 1 : o.quantity(), o.type().perPackage());
        } catch (ArithmeticException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Within a cent either way: panels round charges their own way. */
    static boolean chargeMatches(BigDecimal charge, Money expected) {
        BigDecimal diff = charge.subtract(new BigDecimal(expected.toWire())).abs();
        return diff.compareTo(new BigDecimal("0.01")) <= 0;
    }

    private static TreeSet<Long> numbers(List<String> ids) {
        var out = new TreeSet<Long>();
        for (String s : ids) {
            try {
                out.add(Long.parseLong(s));
            } catch (NumberFormatException ignored) {
                // an id we could not use is no landmark
            }
        }
        return out;
    }
}
