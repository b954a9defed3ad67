package org.opensmm.fulfil;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensmm.catalog.ServiceType;
import org.opensmm.client.AddOrder;
import org.opensmm.client.OrderStatus;
import org.opensmm.client.PanelClient;
import org.opensmm.client.Status;
import org.opensmm.ledger.Money;
import org.opensmm.order.Order;
import org.opensmm.order.Stage;
import org.opensmm.provider.PriceRule;
import org.opensmm.provider.Provider;
import org.opensmm.simulator.Simulator;
import org.opensmm.testing.TestPanel;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opensmm.fulfil.Upstreams.await;

/** Drip-feed: forwarded whole when the upstream service takes runs/interval, else delivered by us run by run. */
class DripFeedTest {
    static TestPanel wholesaler, reseller;
    static Fulfilment engine;
    static final Upstreams.MovableClock clock = new Upstreams.MovableClock();
    static long runsByUs, runsUpstream;

    @BeforeAll static void start() {
        wholesaler = TestPanel.start();
        wholesaler.simulate(Simulator.Settings.fast());
        wholesaler.service(ServiceType.DEFAULT, "0.80", 10, 100_000);
        reseller = TestPanel.start();
        engine = Upstreams.fastEngine(reseller, Duration.ofSeconds(5), clock);
        Provider p = Upstreams.provider(reseller, wholesaler, wholesaler.customer("100"), Provider.AddErrorPolicy.FAIL);
        reseller.panel.upstreamCatalog.importServices(p.id());
        long upstream = reseller.panel.upstreamCatalog.services(p.id()).getFirst().service();
        runsByUs = reseller.panel.mappings.createService(p.id(), upstream, PriceRule.Markup.parse("25"), false).service().id();
        runsUpstream = reseller.panel.mappings.createService(p.id(), upstream, PriceRule.Markup.parse("25"), true).service().id();
    }

    @AfterAll static void stop() {
        engine.close();
        reseller.close();
        wholesaler.close();
    }

    static List<Order> runs(long parent) {
        List<Long> ids = reseller.panel.db.read(tx -> tx.list("SELECT id FROM orders WHERE parent_id = ? ORDER BY id", rs -> rs.getLong(1), parent));
        return ids.stream().map(id -> reseller.panel.orders.find(id).orElseThrow()).toList();
    }

    static Order upstreamOf(Order run) {
        return wholesaler.panel.orders.find(Long.parseLong(run.externalId())).orElseThrow();
    }

    @Test void without_upstream_support_each_run_is_a_free_child_order_sent_one_interval_apart() {
        var alice = reseller.customer("10");
        var sdk = PanelClient.of(reseller.api, alice.key(), Duration.ofSeconds(5));
        long order = sdk.add(AddOrder.defaults(runsByUs, "https://example.com/drip", 100).dripFeed(3, 1)).orElseThrow();
        assertThat(reseller.balance(alice)).isEqualTo(Money.parse("9.7")); // 300 units at 1.00 per 1000

        for (int run = 1; run <= 3; run++) {
            int n = run;
            await("run " + n + " delivered", () -> runs(order).size() == n && runs(order).get(n - 1).stage() == Stage.DONE);
            Upstreams.await("no early run", Duration.ofMillis(300), () -> true);
            assertThat(runs(order)).hasSize(n); // the next run waits for its interval
            clock.advance(Duration.ofMinutes(1));
        }
        await("parent Completed", () -> sdk.status(order).orElseThrow().status() == Status.COMPLETED);
        for (Order run : runs(order)) {
            assertThat(run.charge()).isEqualTo(Money.ZERO);
            assertThat(run.fields()).doesNotContainKeys("runs", "interval").containsEntry("quantity", "100");
            assertThat(upstreamOf(run).quantity()).isEqualTo(100);
        }
        assertThat(sdk.status(order).orElseThrow().charge()).isEqualByComparingTo("0.3");
        assertThat(Upstreams.balancesMatchLedger(reseller)).isTrue();
        // the parent's own moves are in its history, each status once
        var moves = org.opensmm.order.OrderEvents.of(reseller.panel.db, order, 50).stream()
                .filter(e -> e.what() == org.opensmm.order.OrderEvents.What.STATUS).map(e -> e.from() + "→" + e.to()).toList();
        assertThat(moves).doesNotHaveDuplicates().last().asString().endsWith("→Completed");
    }

    @Test void canceling_a_drip_feed_stops_the_runs_and_refunds_the_undelivered_share_once() {
        var bob = reseller.customer("10");
        var sdk = PanelClient.of(reseller.api, bob.key(), Duration.ofSeconds(5));
        long order = sdk.add(AddOrder.defaults(runsByUs, "https://example.com/drip-cancel", 100).dripFeed(3, 1)).orElseThrow();
        await("first run delivered", () -> runs(order).size() == 1 && runs(order).getFirst().stage() == Stage.DONE);
        assertThat(sdk.cancel(List.of(order)).get(order).orElseThrow()).isTrue();
        clock.advance(Duration.ofMinutes(1));

        await("parent ended", () -> sdk.status(order).orElseThrow().status() == Status.PARTIAL);
        OrderStatus end = sdk.status(order).orElseThrow();
        assertThat(end.remains()).isEqualTo(200L);
        assertThat(end.charge()).isEqualByComparingTo("0.1");
        assertThat(runs(order)).hasSize(1);
        assertThat(reseller.balance(bob)).isEqualTo(Money.parse("9.9"));
        assertThat(Upstreams.ordersRefundedTwice(reseller)).isZero();
    }

    @Test void with_upstream_support_the_order_is_forwarded_whole_with_runs_and_interval() {
        var carol = reseller.customer("10");
        var sdk = PanelClient.of(reseller.api, carol.key(), Duration.ofSeconds(5));
        long order = sdk.add(AddOrder.defaults(runsUpstream, "https://example.com/drip-whole", 100).dripFeed(3, 1)).orElseThrow();
        await("forwarded", () -> Upstreams.external(reseller, order) != null);
        Order theirs = wholesaler.panel.orders.find(Long.parseLong(Upstreams.external(reseller, order))).orElseThrow();
        assertThat(theirs.runs()).isEqualTo(3);
        assertThat(theirs.interval()).isEqualTo(1);
        assertThat(theirs.quantity()).isEqualTo(300);
        assertThat(runs(order)).isEmpty();
        await("Completed", () -> sdk.status(order).orElseThrow().status() == Status.COMPLETED);
    }
}
