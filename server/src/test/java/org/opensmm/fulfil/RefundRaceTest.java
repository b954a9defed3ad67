package org.opensmm.fulfil;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opensmm.account.Actor;
import org.opensmm.account.Role;
import org.opensmm.catalog.ServiceType;
import org.opensmm.client.AddOrder;
import org.opensmm.client.PanelClient;
import org.opensmm.ledger.Money;
import org.opensmm.order.Stage;
import org.opensmm.order.Status;
import org.opensmm.provider.Provider;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opensmm.fulfil.Upstreams.await;

/** Issue 11: an operator refund racing the fulfilment engine's sync of the same order refunds once. */
class RefundRaceTest extends ScriptedResellerTest {
    @BeforeEach void upstream() { resellFrom("racing", Provider.AddErrorPolicy.FAIL); }

    long refunds(long order) {
        return Upstreams.count(reseller, "SELECT COUNT(*) FROM ledger_entry WHERE order_id = ? AND kind = 'REFUND'", order);
    }

    @Test void an_operator_refund_racing_the_sync_of_the_same_order_refunds_once() throws Exception {
        var staff = new Actor.Staff(reseller.panel.staff.add(new Actor.Cli("test"), "racer-" + System.nanoTime(), Role.MANAGER,
                "correct horse battery staple 42").member().id());
        var ann = reseller.customer("10");
        var sdk = PanelClient.of(reseller.api, ann.key(), Duration.ofSeconds(5));
        for (int round = 0; round < 6; round++) {
            String link = "https://x/race-" + round;
            long order = sdk.add(AddOrder.defaults(ours.get(ServiceType.DEFAULT), link, 1000)).orElseThrow();
            await("SENT", () -> order(order).stage() == Stage.SENT);

            boolean upstreamCancels = round % 2 == 0;
            boolean operatorCancels = round % 3 == 0;
            var go = new CountDownLatch(1);
            var attempts = new AtomicInteger();
            Thread operator = Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                    Thread.sleep(ThreadLocalRandom.current().nextInt(0, 200)); // lands before, during or after a poll
                    long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                    while (!order(order).status().finished() && System.nanoTime() < end) {
                        attempts.incrementAndGet();
                        try {
                            if (operatorCancels) reseller.panel.orders.setStatus(staff, order, Status.CANCELED, null, null);
                            else reseller.panel.orders.setStatus(staff, order, Status.PARTIAL, null, 300L);
                        } catch (RuntimeException refused) {
                            // already finished, a cancel already asked for, or being sent: the operator sees why
                        }
                        try {
                            reseller.panel.review.refund(staff, order); // not in Fail: refused, never a second refund
                        } catch (RuntimeException refused) {
                            // expected
                        }
                        Thread.sleep(15);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            upstream.statusByLink.put(link, upstreamCancels ? "{\"status\": \"Canceled\", \"remains\": \"1000\"}"
                    : "{\"status\": \"Partial\", \"remains\": \"400\", \"start_count\": \"5\"}");
            go.countDown();
            operator.join(Duration.ofSeconds(10).toMillis());
            assertThat(operator.isAlive()).isFalse();
            await("finished", Duration.ofSeconds(10), () -> order(order).status().finished());
            // a poll still in flight when the operator won must not refund again
            Thread.sleep(Upstreams.SYNC.toMillis() * 2);

            assertThat(refunds(order)).as("round %d, %d operator attempts", round, attempts.get()).isEqualTo(1);
            assertThat(Upstreams.balancesMatchLedger(reseller)).isTrue();
            assertThat(order(order).status()).isIn(Status.CANCELED, Status.PARTIAL);
        }
        assertThat(reseller.balance(ann)).isEqualTo(reseller.ledgerSum(ann));
        assertThat(reseller.balance(ann).compareTo(Money.parse("10"))).isLessThanOrEqualTo(0);
    }
}
