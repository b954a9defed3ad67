package org.opensmm.fulfil;

import org.opensmm.catalog.ServiceType;
import org.opensmm.ledger.Money;
import org.opensmm.order.Stage;
import org.opensmm.provider.PriceRule;
import org.opensmm.provider.Provider;
import org.opensmm.provider.Providers;
import org.opensmm.provider.UpstreamService;
import org.opensmm.testing.TestPanel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.fail;

/** A reseller panel wired to a wholesaler panel, both real on loopback, with a fast engine: what the fulfil tests share. */
public final class Upstreams {
    private Upstreams() {}

    public static final Duration TICK = Duration.ofMillis(50);
    public static final Duration SYNC = Duration.ofMillis(150);

    /** Fast pacing: 50 ms ticks, polls every 150 ms, pauses from 100 ms to 1 s, three refusals before FAIL. */
    public static Settings fast(Duration timeout) {
        return Settings.of(TICK, SYNC, timeout).withBackoff(Duration.ofMillis(100), Duration.ofSeconds(1)).withMaxAttempts(3);
    }

    /** The panel's own engine (1 s ticks) stopped; a fast one started in its place, on a client with this timeout. */
    public static Fulfilment fastEngine(TestPanel reseller, Duration timeout, Clock clock) {
        reseller.panel.fulfilment.close();
        var providers = new Providers(reseller.panel.db, clock, timeout);
        return new Fulfilment(reseller.panel.db, reseller.panel.orders, reseller.panel.refills, providers, fast(timeout), clock).start();
    }

    /** A provider at {@code wholesaler} with a fresh customer's key there. */
    public static Provider provider(TestPanel reseller, TestPanel wholesaler, TestPanel.Customer account, Provider.AddErrorPolicy policy) {
        return reseller.panel.providers.add("wholesaler-" + account.id() + "-" + System.nanoTime(), wholesaler.api.toString(),
                account.key(), policy, 4);
    }

    /** Imports the provider's services and creates ours from each at {@code markup}%: our service id by upstream type. */
    public static Map<ServiceType, Long> resell(TestPanel reseller, Provider p, String markup) {
        reseller.panel.upstreamCatalog.importServices(p.id());
        var ours = new LinkedHashMap<ServiceType, Long>();
        for (UpstreamService s : reseller.panel.upstreamCatalog.services(p.id())) {
            var mapped = reseller.panel.mappings.createService(p.id(), s.service(), PriceRule.Markup.parse(markup), false);
            ours.put(mapped.service().type(), mapped.service().id());
        }
        return ours;
    }

    /** One order of each type, as the SDK builds it; quantities make the 25% markup exact in micros. */
    public static org.opensmm.client.AddOrder orderOf(ServiceType type, long service, String link) {
        java.util.List<String> three = java.util.List.of("one", "two", "three");
        return switch (type) {
            case DEFAULT -> org.opensmm.client.AddOrder.defaults(service, link, 1000);
            case PACKAGE -> org.opensmm.client.AddOrder.packageOrder(service, link);
            case CUSTOM_COMMENTS -> org.opensmm.client.AddOrder.customComments(service, link, three);
            case CUSTOM_COMMENTS_PACKAGE -> org.opensmm.client.AddOrder.customCommentsPackage(service, link, three);
            case MENTIONS_CUSTOM_LIST -> org.opensmm.client.AddOrder.mentionsCustomList(service, link, java.util.List.of("ann", "bob", "cid"));
            case MENTIONS_WITH_HASHTAGS -> org.opensmm.client.AddOrder.mentionsWithHashtags(service, link, java.util.List.of("ann", "bob"), java.util.List.of("#a", "#b")).quantity(1000);
            case MENTIONS_HASHTAG -> org.opensmm.client.AddOrder.mentionsHashtag(service, link, 1000, "#tag");
            case MENTIONS_USER_FOLLOWERS -> org.opensmm.client.AddOrder.mentionsUserFollowers(service, link, 1000, "famous");
            case MENTIONS_MEDIA_LIKERS -> org.opensmm.client.AddOrder.mentionsMediaLikers(service, link, 1000, "https://instagram.com/p/media");
            case COMMENT_LIKES -> org.opensmm.client.AddOrder.commentLikes(service, link, 1000, "owner");
            case COMMENT_REPLIES -> org.opensmm.client.AddOrder.commentReplies(service, link, "owner", three);
            case POLL -> org.opensmm.client.AddOrder.poll(service, link, 1000, 2);
            case INVITES_FROM_GROUPS -> org.opensmm.client.AddOrder.invitesFromGroups(service, link, 1000, java.util.List.of("group1", "group2"));
            case SEO -> org.opensmm.client.AddOrder.seo(service, link, 1000, java.util.List.of("cheap shoes", "red shoes"));
            case SUBSCRIPTIONS -> org.opensmm.client.AddOrder.subscription(service, "someone", 100, 200, 0, 5, null, null);
        };
    }

    /** How many orders the wholesaler holds: each one is one add that reached it. */
    public static long ordersAt(TestPanel panel) {
        return panel.panel.db.read(tx -> tx.count("SELECT COUNT(*) FROM orders"));
    }

    /** A count query on the panel's database. */
    public static long count(TestPanel panel, String sql, Object... args) {
        return panel.panel.db.read(tx -> tx.count(sql, args));
    }

    public static Stage stage(TestPanel panel, long order) {
        return panel.panel.orders.find(order).orElseThrow().stage();
    }

    public static String external(TestPanel panel, long order) {
        return panel.panel.orders.find(order).orElseThrow().externalId();
    }

    public static void await(String what, Duration limit, BooleanSupplier done) {
        long end = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) fail("timed out after " + limit.toMillis() + " ms waiting for: " + what);
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    public static void await(String what, BooleanSupplier done) { await(what, Duration.ofSeconds(15), done); }

    /** Every customer's balance equals the sum of their ledger entries. */
    public static boolean balancesMatchLedger(TestPanel panel) {
        return panel.panel.db.read(tx -> tx.count("""
                SELECT COUNT(*) FROM customer c
                WHERE c.balance <> (SELECT COALESCE(SUM(e.amount), 0) FROM ledger_entry e WHERE e.customer_id = c.id)""")) == 0;
    }

    /** Refund entries per order: never more than one. */
    public static long ordersRefundedTwice(TestPanel panel) {
        return panel.panel.db.read(tx -> tx.count("""
                SELECT COUNT(*) FROM (SELECT order_id FROM ledger_entry WHERE kind = 'REFUND' GROUP BY order_id HAVING COUNT(*) > 1) x"""));
    }

    public static Money spent(TestPanel panel, TestPanel.Customer c, String opening) {
        return Money.parse(opening).minus(panel.balance(c));
    }

    /** The system clock moved forward by hand: drip-feed intervals are minutes, tests are not. */
    public static final class MovableClock extends Clock {
        private final AtomicLong offset = new AtomicLong();

        public void advance(Duration d) { offset.addAndGet(d.toMillis()); }

        @Override public long millis() { return System.currentTimeMillis() + offset.get(); }

        @Override public Instant instant() { return Instant.ofEpochMilli(millis()); }

        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }

        @Override public Clock withZone(java.time.ZoneId zone) { throw new UnsupportedOperationException(); }
    }
}
