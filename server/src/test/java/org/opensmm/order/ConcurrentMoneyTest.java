package org.opensmm.order;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensmm.catalog.ServiceType;
import org.opensmm.ledger.Money;
import org.opensmm.testing.TestPanel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Money under concurrency, through real HTTP, on this run's database. */
class ConcurrentMoneyTest {
    static TestPanel panel;
    static long followers;

    @BeforeAll static void start() {
        panel = TestPanel.start();
        followers = panel.service(ServiceType.DEFAULT, "0.90", 50, 10_000); // 1000 units cost 0.90
    }

    @AfterAll static void stop() { panel.close(); }

    @Test void sixty_four_parallel_orders_against_a_balance_for_ten_make_exactly_ten() throws Exception {
        var alice = panel.customer("9.00");
        List<JsonNode> replies = inParallel(64, i -> panel.call(alice.key(), "action", "add", "service", Long.toString(followers),
                "link", "https://instagram.com/p/" + i, "quantity", "1000"));

        assertThat(replies.stream().filter(r -> r.has("order"))).hasSize(10);
        assertThat(replies.stream().filter(r -> r.path("error").asText().equals("Not enough funds on balance"))).hasSize(54);
        assertThat(panel.balance(alice)).isEqualTo(Money.ZERO);
        assertThat(panel.ledgerSum(alice)).isEqualTo(panel.balance(alice));
    }

    @Test void the_same_partial_status_applied_twice_concurrently_refunds_once() throws Exception {
        var bob = panel.customer("1.00");
        long order = panel.call(bob.key(), "action", "add", "service", Long.toString(followers),
                "link", "https://instagram.com/bob", "quantity", "1000").get("order").asLong();
        assertThat(panel.balance(bob)).isEqualTo(Money.parse("0.1"));

        List<String> outcomes = inParallel(8, i -> {
            try {
                return panel.panel.orders.applyStatus(order, Status.PARTIAL, 100L, 250L).status().wire();
            } catch (IllegalStateException e) {
                return "refused";
            }
        });

        assertThat(outcomes).allMatch(o -> o.equals("Partial") || o.equals("refused"));
        // 250 of 1000 undelivered: 0.225 back, once
        assertThat(panel.balance(bob)).isEqualTo(Money.parse("0.325"));
        assertThat(panel.ledgerSum(bob)).isEqualTo(panel.balance(bob));
        JsonNode status = panel.call(bob.key(), "action", "status", "order", Long.toString(order));
        assertThat(status.get("charge").asText()).isEqualTo("0.675");
        assertThat(status.get("remains").asText()).isEqualTo("250");
    }

    interface Task<T> { T run(int i) throws Exception; }

    static <T> List<T> inParallel(int n, Task<T> task) throws Exception {
        try (var pool = Executors.newFixedThreadPool(n)) {
            var start = new java.util.concurrent.CountDownLatch(1);
            var futures = new ArrayList<Future<T>>();
            for (int i = 0; i < n; i++) {
                int k = i;
                futures.add(pool.submit((Callable<T>) () -> {
                    start.await();
                    return task.run(k);
                }));
            }
            start.countDown();
            var out = new ArrayList<T>();
            for (var f : futures) out.add(f.get());
            return out;
        }
    }
}
