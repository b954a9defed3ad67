package org.opensmm.fulfil;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensmm.catalog.ServiceType;
import org.opensmm.client.AddOrder;
import org.opensmm.client.OrderStatus;
import org.opensmm.client.PanelClient;
import org.opensmm.client.RefillStatus;
import org.opensmm.client.Status;
import org.opensmm.ledger.Money;
import org.opensmm.order.CancelState;
import org.opensmm.order.Order;
import org.opensmm.order.Refills;
import org.opensmm.order.Stage;
import org.opensmm.provider.Provider;
import org.opensmm.testing.TestPanel;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opensmm.fulfil.Upstreams.await;

/**
 * Two OpenSMM panels in a chain: a reseller forwards every order to a wholesaler, where an operator moves them. Every
 * service type, every status and every refund travels back, and the money adds up at both ends.
 */
class ChainTest {
    static TestPanel wholesaler, reseller;
    static Fulfilment engine;

    @BeforeAll static void start() {
        wholesaler = TestPanel.start();
        reseller = TestPanel.start();
        engine = Upstreams.fastEngine(reseller, Duration.ofSeconds(5), Clock.systemUTC());
    }

    @AfterAll static void stop() {
        engine.close();
        reseller.close();
        wholesaler.close();
    }

    @Test void every_type_reaches_the_wholesaler_and_every_status_and_refund_comes_back() {
        for (ServiceType t : ServiceType.values()) wholesaler.service(t, t.perPackage() ? "2.00" : "0.80", 1, 100_000);
        var account = wholesaler.customer("100");
        Provider p = Upstreams.provider(reseller, wholesaler, account, Provider.AddErrorPolicy.FAIL);
        Map<ServiceType, Long> ours = Upstreams.resell(reseller, p, "25");
        assertThat(ours).hasSize(ServiceType.values().length);
        assertThat(reseller.panel.catalog.find(ours.get(ServiceType.DEFAULT)).orElseThrow().rate().toWire()).isEqualTo("1.00");

        var alice = reseller.customer("100");
        var sdk = PanelClient.of(reseller.api, alice.key(), Duration.ofSeconds(5));
        Map<ServiceType, Long> orders = new EnumMap<>(ServiceType.class);
        for (ServiceType t : ServiceType.values()) {
            orders.put(t, sdk.add(Upstreams.orderOf(t, ours.get(t), "https://example.com/" + t.name().toLowerCase())).orElseThrow());
        }

        await("every order forwarded", () -> orders.values().stream().allMatch(id -> Upstreams.stage(reseller, id) == Stage.SENT));
        assertThat(Upstreams.ordersAt(wholesaler)).isEqualTo(orders.size());
        Map<ServiceType, Long> upstream = new EnumMap<>(ServiceType.class);
        orders.forEach((t, id) -> {
            Order mine = reseller.panel.orders.find(id).orElseThrow();
            Order theirs = wholesaler.panel.orders.find(Long.parseLong(mine.externalId())).orElseThrow();
            assertThat(theirs.customerId()).isEqualTo(account.id());
            assertThat(theirs.type()).isEqualTo(t);
            assertThat(theirs.fields()).as(t.wire()).isEqualTo(mine.fields());
            assertThat(theirs.quantity()).isEqualTo(mine.quantity());
            upstream.put(t, theirs.id());
        });

        // progress, with start count and remains, travels back without settling anything
        wholesaler.panel.orders.applyStatus(upstream.get(ServiceType.MENTIONS_HASHTAG), org.opensmm.order.Status.IN_PROGRESS, 3572L, 400L);
        await("In progress seen", () -> sdk.status(orders.get(ServiceType.MENTIONS_HASHTAG)).orElseThrow().status() == Status.IN_PROGRESS);
        OrderStatus running = sdk.status(orders.get(ServiceType.MENTIONS_HASHTAG)).orElseThrow();
        assertThat(running.startCount()).isEqualTo(3572L);
        assertThat(running.remains()).isEqualTo(400L);

        // the customer cancels the running poll: forwarded, accepted by the wholesaler's operator, refunded at both ends
        wholesaler.panel.orders.applyStatus(upstream.get(ServiceType.POLL), org.opensmm.order.Status.IN_PROGRESS, 5L, 1000L);
        await("poll In progress", () -> sdk.status(orders.get(ServiceType.POLL)).orElseThrow().status() == Status.IN_PROGRESS);
        assertThat(sdk.cancel(List.of(orders.get(ServiceType.POLL))).get(orders.get(ServiceType.POLL)).orElseThrow()).isTrue();
        long poll = upstream.get(ServiceType.POLL);
        await("cancel forwarded", () -> wholesaler.panel.orders.find(poll).orElseThrow().cancelState() == CancelState.REQUESTED);
        wholesaler.panel.orders.resolveCancel(poll, true);

        // everything else ends: Default Partial with a quarter undelivered, the subscription after being Active
        wholesaler.panel.orders.applyStatus(upstream.get(ServiceType.SUBSCRIPTIONS), org.opensmm.order.Status.ACTIVE, 0L, null);
        await("subscription Active", () -> sdk.status(orders.get(ServiceType.SUBSCRIPTIONS)).orElseThrow().status() == Status.ACTIVE);
        wholesaler.panel.orders.applyStatus(upstream.get(ServiceType.DEFAULT), org.opensmm.order.Status.PARTIAL, 120L, 250L);
        upstream.forEach((t, id) -> {
            if (t != ServiceType.DEFAULT && t != ServiceType.POLL) wholesaler.panel.orders.applyStatus(id, org.opensmm.order.Status.COMPLETED, 10L, 0L);
        });
        await("every order finished", () -> orders.values().stream().allMatch(id -> Upstreams.stage(reseller, id) == Stage.DONE));

        OrderStatus partial = sdk.status(orders.get(ServiceType.DEFAULT)).orElseThrow();
        assertThat(partial.status()).isEqualTo(Status.PARTIAL);
        assertThat(partial.remains()).isEqualTo(250L);
        assertThat(partial.startCount()).isEqualTo(120L);
        assertThat(partial.charge()).isEqualByComparingTo("0.75");
        OrderStatus canceled = sdk.status(orders.get(ServiceType.POLL)).orElseThrow();
        assertThat(canceled.status()).isEqualTo(Status.CANCELED);
        assertThat(canceled.charge()).isEqualByComparingTo("0");

        // a refill of a completed order goes upstream and its status comes back
        long likes = orders.get(ServiceType.COMMENT_LIKES);
        long refill = sdk.refill(likes).orElseThrow();
        await("refill forwarded", () -> reseller.panel.db.read(tx -> tx.count("SELECT COUNT(*) FROM refill WHERE id = ? AND stage = 'SENT'", refill)) == 1);
        assertThat(sdk.refillStatus(refill).orElseThrow()).isEqualTo(RefillStatus.PENDING);
        long theirRefill = Long.parseLong(reseller.panel.db.read(tx -> tx.one("SELECT external_id FROM refill WHERE id = ?", rs -> rs.getString(1), refill)).orElseThrow());
        wholesaler.panel.refills.resolve(theirRefill, Refills.State.IN_PROGRESS);
        await("refill In progress", () -> sdk.refillStatus(refill).orElseThrow() == RefillStatus.IN_PROGRESS);
        wholesaler.panel.refills.resolve(theirRefill, Refills.State.COMPLETED);
        await("refill Completed", () -> sdk.refillStatus(refill).orElseThrow() == RefillStatus.COMPLETED);

        // money: each end's balances equal their ledgers, refunds happened once, and the margin is 0.20 per 1000 delivered
        assertThat(Upstreams.balancesMatchLedger(reseller)).isTrue();
        assertThat(Upstreams.balancesMatchLedger(wholesaler)).isTrue();
        assertThat(Upstreams.ordersRefundedTwice(reseller)).isZero();
        assertThat(Upstreams.ordersRefundedTwice(wholesaler)).isZero();
        Money margin = Upstreams.spent(reseller, alice, "100").minus(Upstreams.spent(wholesaler, account, "100"));
        // 750 + 6 × 1000 units at 0.20 per 1000, 2 packages at 0.50, 9 list entries at 0.20 per 1000; poll and subscription 0
        assertThat(margin).isEqualTo(Money.parse("0.15").plus(Money.parse("1.4")).plus(Money.parse("1.0")).plus(Money.parse("0.0018")));
    }
}
