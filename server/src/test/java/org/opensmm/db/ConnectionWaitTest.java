package org.opensmm.db;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensmm.testing.TestPanel;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a panel does when no connection is free, and the rule that keeps its own work from causing that. */
class ConnectionWaitTest {
    static TestPanel panel;

    @BeforeAll static void start() { panel = TestPanel.start(); }

    @AfterAll static void stop() { panel.close(); }

    @Test void with_every_connection_held_a_request_is_refused_as_busy_not_queued_for_ten_seconds() throws Exception {
        Database db = panel.panel.db;
        var customer = panel.customer("3");
        int size = panel.panel.config.poolSize();
        var held = new CountDownLatch(size);
        var release = new CountDownLatch(1);
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < size; i++) threads.submit(() -> db.inTransaction(tx -> {
                held.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }));
            held.await();
            try {
                assertThatThrownBy(() -> db.read(tx -> tx.count("SELECT 1")))
                        .isInstanceOf(Database.Busy.class)
                        .hasMessageStartingWith("database busy: ")
                        .hasMessageContaining("no connection came free in").hasMessageContaining(size + " in use");
                TestPanel.Reply reply = panel.post(TestPanel.form(java.util.Map.of("key", customer.key(), "action", "balance")),
                        "application/x-www-form-urlencoded");
                assertThat(reply.status()).isEqualTo(503);
                assertThat(reply.json().path("error").asText()).isNotBlank();
            } finally {
                release.countDown();
            }
        }
        assertThat(panel.call(customer.key(), "action", "balance").path("balance").asText()).isEqualTo("3");
    }

    @Test void connections_come_free_to_the_waiting_units_of_work_in_the_order_they_asked() throws Exception {
        Database db = panel.panel.db;
        int size = panel.panel.config.poolSize();
        int waiters = 6;
        var held = new CountDownLatch(size);
        var releases = new java.util.ArrayList<CountDownLatch>();
        var served = new java.util.concurrent.ConcurrentLinkedQueue<Integer>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < size; i++) {
                var release = new CountDownLatch(1);
                releases.add(release);
                threads.submit(() -> db.read(tx -> {
                    held.countDown();
                    awaitQuietly(release);
                    return null;
                }));
            }
            held.await();
            for (int i = 0; i < waiters; i++) {
                int turn = i;
                threads.submit(() -> db.read(tx -> served.add(turn)));
                while (db.waiting() < turn + 1) Thread.sleep(1); // each asks only once the one before is queued
            }
            assertThat(db.waiting()).isEqualTo(waiters);
            for (int i = 0; i < size; i++) { // one connection at a time comes free: it goes to the longest waiting
                releases.get(i).countDown();
                int expected = Math.min(i + 1, waiters);
                while (served.size() < expected) Thread.sleep(1);
            }
        }
        assertThat(served).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(db.waiting()).isZero();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test void work_inside_a_transaction_cannot_take_a_second_connection() {
        Database db = panel.panel.db;
        assertThatThrownBy(() -> db.inTransaction(tx -> db.read(inner -> inner.count("SELECT 1"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("second pool connection");
        long one = db.read(tx -> tx.count("SELECT 1"));
        assertThat(one).isEqualTo(1); // the guard is per unit of work, not stuck
    }
}
