package org.opensmm.simulator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensmm.api.Fault;
import org.opensmm.api.Faults;
import org.opensmm.catalog.ServiceType;
import org.opensmm.client.AddOrder;
import org.opensmm.client.Outcome;
import org.opensmm.client.PanelClient;
import org.opensmm.client.RefillStatus;
import org.opensmm.client.Status;
import org.opensmm.ledger.Money;
import org.opensmm.testing.TestPanel;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The built-in simulated provider, driven through the Java SDK as an upstream panel would be. */
class SimulatedProviderTest {
    static TestPanel provider;
    static Faults faults;
    static long followers;

    @BeforeAll static void start() {
        provider = TestPanel.start();
        faults = provider.simulate(Simulator.Settings.fast());
        followers = provider.service(ServiceType.DEFAULT, "1.00", 10, 100_000);
    }

    @AfterAll static void stop() { provider.close(); }

    private PanelClient client(TestPanel.Customer c) { return PanelClient.of(provider.api, c.key(), Duration.ofSeconds(1)); }

    @Test void an_order_goes_pending_then_in_progress_then_completed() {
        var reseller = provider.customer("10");
        var sdk = client(reseller);
        long order = sdk.add(AddOrder.defaults(followers, "https://example.com/a", 1000)).orElseThrow();

        assertThat(sdk.status(order).orElseThrow().status()).isEqualTo(Status.PENDING);
        awaitStatus(sdk, order, Status.COMPLETED);
        var done = sdk.status(order).orElseThrow();
        assertThat(done.remains()).isZero();
        assertThat(done.startCount()).isPositive();
        assertThat(done.charge()).isEqualByComparingTo("1");
    }

    @Test void with_every_order_partial_the_unspent_share_comes_back_once() {
        var p = TestPanel.start();
        try {
            p.simulate(Simulator.Settings.fast().withPartialPerMille(1000));
            long svc = p.service(ServiceType.DEFAULT, "1.00", 10, 100_000);
            var reseller = p.customer("10");
            var sdk = PanelClient.of(p.api, reseller.key(), Duration.ofSeconds(1));
            long order = sdk.add(AddOrder.defaults(svc, "https://example.com/p", 1000)).orElseThrow();
            awaitStatus(sdk, order, Status.PARTIAL);
            var partial = sdk.status(order).orElseThrow();
            assertThat(partial.remains()).isBetween(100L, 500L);
            Money refund = Money.parse("1").share(partial.remains(), 1000);
            assertThat(p.balance(reseller)).isEqualTo(Money.parse("9").plus(refund));
            assertThat(p.ledgerSum(reseller)).isEqualTo(p.balance(reseller));
        } finally {
            p.close();
        }
    }

    @Test void a_refill_of_a_completed_order_completes() {
        var reseller = provider.customer("10");
        var sdk = client(reseller);
        long order = sdk.add(AddOrder.defaults(followers, "https://example.com/r", 500)).orElseThrow();
        awaitStatus(sdk, order, Status.COMPLETED);
        long refill = sdk.refill(order).orElseThrow();
        await(() -> sdk.refillStatus(refill).toOptional().orElse(null) == RefillStatus.COMPLETED);
    }

    @Test void a_cancel_request_of_a_running_order_is_accepted_with_a_full_refund() {
        var p = TestPanel.start();
        try {
            p.simulate(Simulator.Settings.fast().withDeliveryTime(Duration.ofSeconds(30)));
            long svc = p.service(ServiceType.DEFAULT, "1.00", 10, 100_000);
            var reseller = p.customer("10");
            var sdk = PanelClient.of(p.api, reseller.key(), Duration.ofSeconds(1));
            long order = sdk.add(AddOrder.defaults(svc, "https://example.com/c", 1000)).orElseThrow();
            awaitStatus(sdk, order, Status.IN_PROGRESS);
            assertThat(sdk.cancel(List.of(order)).get(order).orElseThrow()).isTrue();
            awaitStatus(sdk, order, Status.CANCELED);
            assertThat(p.balance(reseller)).isEqualTo(Money.parse("10"));
            assertThat(p.ledgerSum(reseller)).isEqualTo(p.balance(reseller));
        } finally {
            p.close();
        }
    }

    @Test void faults_that_do_nothing_reach_the_client_as_no_reply_and_create_no_order() {
        var reseller = provider.customer("10");
        var sdk = client(reseller);
        for (Fault fault : List.of(Fault.SERVER_ERROR, Fault.HTML, Fault.EMPTY)) {
            faults.failNext("add", fault, 1);
            Outcome<Long> outcome = sdk.add(AddOrder.defaults(followers, "https://example.com/f-" + fault, 100));
            assertThat(outcome).as(fault.name()).isInstanceOf(Outcome.NoReply.class);
        }
        assertThat(provider.balance(reseller)).isEqualTo(Money.parse("10"));
        assertThat(provider.panel.orders.recent(reseller.id(), null, 10)).isEmpty();
    }

    @Test void a_lost_reply_or_a_timeout_leaves_the_order_placed_though_the_client_saw_no_reply() {
        var reseller = provider.customer("10");
        var sdk = client(reseller);
        faults.failNext("add", Fault.LOST_REPLY, 1);
        faults.failNext("add", Fault.TIMEOUT, 1);
        assertThat(sdk.add(AddOrder.defaults(followers, "https://example.com/lost", 100))).isInstanceOf(Outcome.NoReply.class);
        assertThat(sdk.add(AddOrder.defaults(followers, "https://example.com/slow", 100))).isInstanceOf(Outcome.NoReply.class);

        assertThat(provider.panel.orders.recent(reseller.id(), null, 10)).hasSize(2);
        assertThat(provider.balance(reseller)).isEqualTo(Money.parse("9.8"));
    }

    @Test void a_subscription_charges_each_post_when_it_comes_and_completes_after_its_posts() {
        long subs = provider.service(ServiceType.SUBSCRIPTIONS, "2.00", 100, 1000);
        var fan = provider.customer("10");
        var sdk = client(fan);
        long order = sdk.add(AddOrder.subscription(subs, "someone", 100, 200, 0, 3, 1, null)).orElseThrow();
        assertThat(provider.balance(fan)).as("nothing is charged when subscribing").isEqualTo(Money.parse("10"));

        awaitStatus(sdk, order, Status.COMPLETED);
        var posts = provider.panel.db.read(tx -> tx.list("SELECT quantity, charge FROM orders WHERE parent_id = ?",
                rs -> new long[] {rs.getLong(1), rs.getLong(2)}, order));
        assertThat(posts).as("one old post and three new ones").hasSize(4);
        assertThat(posts).allMatch(p -> p[0] >= 100 && p[0] <= 200 && p[1] == p[0] * 2_000);  // 2.00 per 1000, in micros
        long spent = posts.stream().mapToLong(p -> p[1]).sum();
        assertThat(sdk.status(order).orElseThrow().charge()).isEqualByComparingTo(new Money(spent).toDecimal());
        assertThat(provider.balance(fan)).isEqualTo(Money.parse("10").minus(new Money(spent)));
        assertThat(provider.ledgerSum(fan)).isEqualTo(provider.balance(fan));
    }

    @Test void a_subscription_ends_when_the_balance_cannot_pay_the_next_post() {
        long subs = provider.service(ServiceType.SUBSCRIPTIONS, "10.00", 100, 100);
        var poor = provider.customer("2.5"); // two posts of 100 at 10.00 per 1000 cost 1.00 each
        var sdk = client(poor);
        long order = sdk.add(AddOrder.subscription(subs, "someone", 100, 100, 0, 10, null, null)).orElseThrow();

        awaitStatus(sdk, order, Status.COMPLETED);
        assertThat(provider.balance(poor)).isEqualTo(Money.parse("0.5"));
        assertThat(sdk.status(order).orElseThrow().charge()).isEqualByComparingTo("2");
        assertThat(provider.ledgerSum(poor)).isEqualTo(provider.balance(poor));
    }

    private static void awaitStatus(PanelClient sdk, long order, Status status) {
        await(() -> sdk.status(order).toOptional().map(s -> s.status() == status).orElse(false));
    }

    private static void await(Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) throw new AssertionError("condition not met within 15 s");
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
