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
                        .hasMessageContaining("Connection is not available"); // Hikari's words, with its active and waiting counts
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

    @Test void work_inside_a_transaction_cannot_take_a_second_connection() {
        Database db = panel.panel.db;
        assertThatThrownBy(() -> db.inTransaction(tx -> db.read(inner -> inner.count("SELECT 1"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("second pool connection");
        long one = db.read(tx -> tx.count("SELECT 1"));
        assertThat(one).isEqualTo(1); // the guard is per unit of work, not stuck
    }
}
