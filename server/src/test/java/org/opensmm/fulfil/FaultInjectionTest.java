package org.opensmm.fulfil;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensmm.api.Fault;
import org.opensmm.api.Faults;
import org.opensmm.catalog.ServiceType;
import org.opensmm.client.AddOrder;
import org.opensmm.client.PanelClient;
import org.opensmm.ledger.Money;
import org.opensmm.order.Order;
import org.opensmm.order.Stage;
import org.opensmm.provider.Provider;
import org.opensmm.simulator.Simulator;
import org.opensmm.testing.TestPanel;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opensmm.fulfil.Upstreams.await;

/**
 * The upstream misbehaves (a simulated provider acting out faults on /api/v2): no order is lost, none reaches the
 * provider twice, and every refund happens once.
 */
class FaultInjectionTest {
    static TestPanel wholesaler, reseller;
    static Faults faults;
    static Fulfilment engine;
    static long followers;      // our service, forwarded to the healthy wholesaler
    static TestPanel.Customer account;

    @BeforeAll static void start() {
        wholesaler = TestPanel.start();
        faults = wholesaler.simulate(Simulator.Settings.fast().withPartialPerMille(400));
        faults.setTimeoutDelay(Duration.ofMillis(1500));
        wholesaler.service(ServiceType.DEFAULT, "0.80", 10, 100_000);
        reseller = TestPanel.start();
        engine = Upstreams.fastEngine(reseller, Duration.ofSeconds(1), Clock.systemUTC());
        account = wholesaler.customer("1000");
        Provider p = Upstreams.provider(reseller, wholesaler, account, Provider.AddErrorPolicy.RETRY);
        followers = Upstreams.resell(reseller, p, "25").get(ServiceType.DEFAULT);
    }

    @AfterAll static void stop() {
        engine.close();
        reseller.close();
        wholesaler.close();
    }

    static PanelClient sdk(TestPanel.Customer c) { return PanelClient.of(reseller.api, c.key(), Duration.ofSeconds(5)); }

    /** The wholesaler's orders for this link: how many adds reached it. */
    static List<Long> upstreamOrders(String link) {
        return wholesaler.panel.db.read(tx -> tx.list("SELECT id FROM orders WHERE link = ? ORDER BY id", rs -> rs.getLong(1), link));
    }

    static boolean finished(long order) {
        Order o = reseller.panel.orders.find(order).orElseThrow();
        return o.stage() == Stage.DONE && o.status().finished();
    }

    /** What an operator does with a failed order: attach it if the provider has it, else send it again. */
    static void review(long order) {
        Order o = reseller.panel.orders.find(order).orElseThrow();
        List<Long> there = upstreamOrders(o.link());
        if (there.isEmpty()) reseller.panel.review.resend(order);
        else reseller.panel.review.attach(order, there.getFirst());
    }

    @Test void an_add_without_a_reply_goes_to_fail_and_is_never_resent_by_itself() {
        var bob = reseller.customer("100");
        var client = sdk(bob);
        var placed = new ArrayList<Long>();
        for (Fault fault : Fault.values()) {
            faults.failNext("add", fault, 1);
            String link = "https://example.com/fault/" + fault.name().toLowerCase();
            long order = client.add(AddOrder.defaults(followers, link, 1000)).orElseThrow();
            placed.add(order);
            await(fault + " → FAIL", () -> Upstreams.stage(reseller, order) == Stage.FAIL);
            Order failed = reseller.panel.orders.find(order).orElseThrow();
            assertThat(failed.providerError()).as(fault.name()).startsWith("no reply to add");
            // the customer sees a protocol status, never "Fail"
            assertThat(client.status(order).orElseThrow().status()).isEqualTo(org.opensmm.client.Status.PENDING);
            boolean processed = fault == Fault.TIMEOUT || fault == Fault.LOST_REPLY;
            await(fault + " processed upstream or not", () -> upstreamOrders(link).size() == (processed ? 1 : 0));
        }
        Upstreams.await("nothing resent meanwhile", Duration.ofMillis(500), () -> true);
        for (long order : placed) assertThat(Upstreams.stage(reseller, order)).isEqualTo(Stage.FAIL);

        placed.forEach(FaultInjectionTest::review);
        await("every order finished", () -> placed.stream().allMatch(FaultInjectionTest::finished));
        for (long order : placed) {
            assertThat(upstreamOrders(reseller.panel.orders.find(order).orElseThrow().link())).hasSize(1);
        }
        assertMoneyHolds();
    }

    @Test void an_upstream_refusal_is_kept_verbatim_retried_then_left_to_the_operator() {
        var poor = wholesaler.customer("0");
        Provider broke = Upstreams.provider(reseller, wholesaler, poor, Provider.AddErrorPolicy.RETRY);
        long service = Upstreams.resell(reseller, broke, "25").get(ServiceType.DEFAULT);
        var carol = reseller.customer("100");
        String link = "https://example.com/no-funds";
        long order = sdk(carol).add(AddOrder.defaults(service, link, 1000)).orElseThrow();

        await("three refusals, then FAIL", () -> Upstreams.stage(reseller, order) == Stage.FAIL);
        Order failed = reseller.panel.orders.find(order).orElseThrow();
        assertThat(failed.providerError()).isEqualTo("Not enough funds on balance");
        assertThat((long) reseller.panel.db.read(tx -> tx.count("SELECT attempts FROM orders WHERE id = ?", order))).isEqualTo(3L);
        assertThat(upstreamOrders(link)).isEmpty();

        wholesaler.panel.db.inTransaction(tx -> {
            wholesaler.panel.ledger.deposit(tx, poor.id(), Money.parse("10"), "top-up");
            return null;
        });
        reseller.panel.review.resend(order);
        await("sent after the top-up and finished", () -> finished(order));
        assertThat(upstreamOrders(link)).hasSize(1);
        assertMoneyHolds();
    }

    @Test void with_the_fail_policy_a_refusal_goes_to_the_operator_who_refunds_once() {
        Provider strict = Upstreams.provider(reseller, wholesaler, wholesaler.customer("0"), Provider.AddErrorPolicy.FAIL);
        long service = Upstreams.resell(reseller, strict, "25").get(ServiceType.DEFAULT);
        var dave = reseller.customer("10");
        long order = sdk(dave).add(AddOrder.defaults(service, "https://example.com/strict", 1000)).orElseThrow();

        await("FAIL at the first refusal", () -> Upstreams.stage(reseller, order) == Stage.FAIL);
        assertThat((long) reseller.panel.db.read(tx -> tx.count("SELECT attempts FROM orders WHERE id = ?", order))).isEqualTo(1L);
        assertThat(reseller.balance(dave)).isEqualTo(Money.parse("9"));
        reseller.panel.review.refund(order);
        assertThat(reseller.balance(dave)).isEqualTo(Money.parse("10"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> reseller.panel.review.refund(order)).hasMessageContaining("not in Fail");
        assertThat(sdk(dave).status(order).orElseThrow().status()).isEqualTo(org.opensmm.client.Status.CANCELED);
        assertMoneyHolds();
    }

    @Test void a_provider_that_is_down_waits_without_failing_orders_and_others_keep_flowing() {
        Provider dead = reseller.panel.providers.add("dead-" + System.nanoTime(), "http://127.0.0.1:1/api/v2", "key", Provider.AddErrorPolicy.RETRY, 2);
        // the dead provider's catalogue cannot be imported; map a service by hand through the same type
        reseller.panel.db.inTransaction(tx -> tx.update("""
                INSERT INTO upstream_service (provider_id, service, name, type, category, rate, rate_scale, min_quantity, max_quantity,
                                              refill, cancel, removed, imported_at) VALUES (?, 1, 'x', 'Default', 'c', 800000, 2, 10, 100000, TRUE, TRUE, FALSE, 0)""",
                dead.id()));
        long stuck = reseller.panel.mappings.createService(dead.id(), 1, org.opensmm.provider.PriceRule.Markup.parse("25"), false).service().id();
        var erin = reseller.customer("100");
        var client = sdk(erin);
        long waiting = client.add(AddOrder.defaults(stuck, "https://example.com/dead", 1000)).orElseThrow();
        long flowing = client.add(AddOrder.defaults(followers, "https://example.com/alive", 1000)).orElseThrow();

        await("the healthy provider's order finishes", () -> finished(flowing));
        Order o = reseller.panel.orders.find(waiting).orElseThrow();
        assertThat(o.stage()).isEqualTo(Stage.NEW);
        assertThat(o.providerError()).startsWith("provider unreachable: connection refused");
    }

    @Test void random_faults_on_every_action_lose_nothing_duplicate_nothing_and_refund_once() {
        var frank = reseller.customer("100");
        var client = sdk(frank);
        var placed = new ArrayList<Long>();
        faults.setPerMille(250);
        try {
            for (int i = 0; i < 30; i++) {
                placed.add(client.add(AddOrder.defaults(followers, "https://example.com/random/" + i, 1000)).orElseThrow());
            }
            await("every order finished, failed ones reviewed", Duration.ofSeconds(60), () -> {
                for (long order : placed) if (Upstreams.stage(reseller, order) == Stage.FAIL) review(order);
                return placed.stream().allMatch(FaultInjectionTest::finished);
            });
        } finally {
            faults.setPerMille(0);
        }
        for (long order : placed) assertThat(upstreamOrders(reseller.panel.orders.find(order).orElseThrow().link())).hasSize(1);
        assertMoneyHolds();
    }

    static void assertMoneyHolds() {
        assertThat(Upstreams.balancesMatchLedger(reseller)).isTrue();
        assertThat(Upstreams.balancesMatchLedger(wholesaler)).isTrue();
        assertThat(Upstreams.ordersRefundedTwice(reseller)).isZero();
        assertThat(Upstreams.ordersRefundedTwice(wholesaler)).isZero();
    }
}
