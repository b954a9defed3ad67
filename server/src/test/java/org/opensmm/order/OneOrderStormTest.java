package org.opensmm.order;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensmm.catalog.ServiceType;
import org.opensmm.ledger.Money;
import org.opensmm.testing.TestPanel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 200 requests at once on one order, against the default pool of 16 connections: the row lock serializes them, none
 * waits for a second connection, so every one is answered at once and the order changes exactly once.
 */
class OneOrderStormTest {
    private static final int STORM = 200;
    /** The requirement's bound on every reply, measured here from the client's side. */
    private static final Duration BOUND = Duration.ofSeconds(1);

    static TestPanel panel;
    static long followers;

    @BeforeAll static void start() throws Exception {
        panel = TestPanel.start();
        followers = panel.service(ServiceType.DEFAULT, "0.90", 50, 10_000);
        // the bound is the panel's, not a cold start's: open the pool's connections and the client's, warm the JIT
        String balance = TestPanel.form(java.util.Map.of("key", panel.customer("1").key(), "action", "balance"));
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < STORM; i++) threads.submit(() -> timed(balance));
        }
    }

    @AfterAll static void stop() { panel.close(); }

    @Test void two_hundred_cancels_of_one_order_cancel_and_refund_it_once_while_others_are_served() throws Exception {
        var alice = panel.customer("1.00");
        long order = add(alice);

        Storm storm = storm(alice, "action", "cancel", "orders", Long.toString(order));

        assertThat(storm.replies()).containsOnlyOnce(cancelReply(order, "1"));
        assertThat(storm.replies()).hasSize(STORM)
                .allMatch(r -> r.equals(cancelReply(order, "1")) || r.equals(cancelReply(order, "{\"error\":\"Cancel is not available for this order\"}")));
        assertThat(panel.call(alice.key(), "action", "status", "order", Long.toString(order)).get("status").asText()).isEqualTo("Canceled");
        assertThat(panel.balance(alice)).isEqualTo(Money.parse("1.00"));
        assertThat(panel.ledgerSum(alice)).isEqualTo(panel.balance(alice));
        storm.assertServedInTime();
    }

    @Test void two_hundred_refills_of_one_order_make_one_refill_while_others_are_served() throws Exception {
        var bob = panel.customer("1.00");
        long order = add(bob);
        panel.panel.orders.applyStatus(order, Status.COMPLETED, 10L, 0L);

        Storm storm = storm(bob, "action", "refill", "order", Long.toString(order));

        List<String> created = storm.replies().stream().filter(r -> r.startsWith("{\"refill\":")).toList();
        assertThat(created).hasSize(1);
        assertThat(storm.replies()).filteredOn(r -> !created.contains(r)).hasSize(STORM - 1)
                .allMatch(r -> r.equals("{\"error\":\"Refill already requested\"}"));
        long refills = panel.panel.db.read(tx -> tx.count("SELECT COUNT(*) FROM refill WHERE order_id = ?", order));
        assertThat(refills).isEqualTo(1);
        storm.assertServedInTime();
    }

    private static long add(TestPanel.Customer who) {
        return panel.call(who.key(), "action", "add", "service", Long.toString(followers), "link", "https://instagram.com/p/" + who.id(),
                "quantity", "1000").get("order").asLong();
    }

    private static String cancelReply(long order, String cancel) {
        return "[{\"order\":" + order + ",\"cancel\":" + cancel + "}]";
    }

    /** Replies (compact JSON) to STORM identical requests sent at once, and another customer's balances asked meanwhile. */
    record Storm(List<String> replies, List<Long> millis, List<String> balances, List<Long> balanceMillis) {
        void assertServedInTime() {
            long worst = millis.stream().mapToLong(Long::longValue).max().orElseThrow();
            long worstBalance = balanceMillis.stream().mapToLong(Long::longValue).max().orElseThrow();
            System.out.printf("%s: slowest of %d replies %d ms; other customer's balance: %d asked, slowest %d ms%n",
                    getClass().getSimpleName(), millis.size(), worst, balances.size(), worstBalance);
            assertThat(balances).isNotEmpty().allMatch(b -> b.equals("{\"balance\":\"5\",\"currency\":\"USD\"}"));
            assertThat(worst).as("slowest reply, ms").isLessThan(BOUND.toMillis());
            assertThat(worstBalance).as("slowest balance reply, ms").isLessThan(BOUND.toMillis());
        }
    }

    private static Storm storm(TestPanel.Customer who, String... fields) throws Exception {
        var carol = panel.customer("5");
        var form = new LinkedHashMap<String, String>();
        form.put("key", who.key());
        for (int i = 0; i < fields.length; i += 2) form.put(fields[i], fields[i + 1]);
        String body = TestPanel.form(form);
        String balance = TestPanel.form(java.util.Map.of("key", carol.key(), "action", "balance"));
        var stormOver = new AtomicBoolean();
        var balances = new ArrayList<String>();
        var balanceMillis = new ArrayList<Long>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var go = new CountDownLatch(1);
            var sent = new ArrayList<Future<Timed>>();
            for (int i = 0; i < STORM; i++) sent.add(threads.submit(() -> {
                go.await();
                return timed(body);
            }));
            Future<?> other = threads.submit(() -> {
                go.await();
                do { // at least once, and for as long as the storm lasts
                    Timed t = timed(balance);
                    balances.add(t.reply());
                    balanceMillis.add(t.millis());
                } while (!stormOver.get());
                return null;
            });
            go.countDown();
            var replies = new ArrayList<String>();
            var millis = new ArrayList<Long>();
            for (var f : sent) {
                replies.add(f.get().reply());
                millis.add(f.get().millis());
            }
            stormOver.set(true);
            other.get();
            return new Storm(replies, millis, balances, balanceMillis);
        }
    }

    private record Timed(String reply, long millis) {}

    /** One POST; the reply must be an HTTP 200 JSON reply (never 503), given back re-serialized compactly. */
    private static Timed timed(String body) {
        long start = System.nanoTime();
        TestPanel.Reply r = panel.post(body, "application/x-www-form-urlencoded");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(r.status()).as("HTTP status of %s", r.body()).isEqualTo(200);
        JsonNode json = r.json();
        return new Timed(json.toString(), millis);
    }
}
