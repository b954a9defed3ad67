package org.opensmm.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensmm.catalog.ServiceType;
import org.opensmm.order.Status;
import org.opensmm.testing.TestPanel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opensmm.testing.Wire.assertError;
import static org.opensmm.testing.Wire.assertWire;

/** Another customer's orders and refills look exactly like missing ones, and touching them changes nothing. */
class IsolationTest {
    static TestPanel panel;
    static long followers;

    @BeforeAll static void start() {
        panel = TestPanel.start();
        followers = panel.service(ServiceType.DEFAULT, "0.90", 50, 10_000);
    }

    @AfterAll static void stop() { panel.close(); }

    @Test void another_customers_orders_and_refills_are_incorrect_order_id_and_refill_not_found() {
        var alice = panel.customer("10");
        var bob = panel.customer("10");
        long pending = add(alice, "https://instagram.com/alice-pending");
        long running = add(alice, "https://instagram.com/alice-running");
        panel.panel.orders.applyStatus(running, Status.IN_PROGRESS, 1L, 50L);
        long done = add(alice, "https://instagram.com/alice-done");
        panel.panel.orders.applyStatus(done, Status.COMPLETED, 1L, 0L);
        long refill = Long.parseLong(panel.call(alice.key(), "action", "refill", "order", Long.toString(done)).get("refill").asText());
        long missing = done + 1_000_000;

        JsonNode aliceSees = panel.call(alice.key(), "action", "status", "orders", pending + "," + running + "," + done);
        String before = panel.snapshot();

        for (long order : new long[] {pending, running, done}) {
            String id = Long.toString(order);
            assertError(panel.call(bob.key(), "action", "status", "order", id), "Incorrect order ID");
            assertError(panel.call(bob.key(), "action", "refill", "order", id), "Incorrect order ID");
            assertWire(panel.call(bob.key(), "action", "cancel", "orders", id), """
                    [{"order": %d, "cancel": {"error": "Incorrect order ID"}}]""".formatted(order));
            assertWire(panel.call(bob.key(), "action", "cancel", "order", id), """
                    [{"order": %d, "cancel": {"error": "Incorrect order ID"}}]""".formatted(order));
        }
        // the same reply as for an id nobody has
        assertWire(panel.call(bob.key(), "action", "status", "orders", pending + "," + missing + "," + done), """
                {"%d": {"error": "Incorrect order ID"}, "%d": {"error": "Incorrect order ID"}, "%d": {"error": "Incorrect order ID"}}"""
                .formatted(pending, missing, done));
        assertWire(panel.call(bob.key(), "action", "refill", "orders", done + "," + running), """
                [{"order": %d, "refill": {"error": "Incorrect order ID"}}, {"order": %d, "refill": {"error": "Incorrect order ID"}}]"""
                .formatted(done, running));
        assertWire(panel.call(bob.key(), "action", "cancel", "orders", pending + "," + running), """
                [{"order": %d, "cancel": {"error": "Incorrect order ID"}}, {"order": %d, "cancel": {"error": "Incorrect order ID"}}]"""
                .formatted(pending, running));
        assertError(panel.call(bob.key(), "action", "refill_status", "refill", Long.toString(refill)), "Refill not found");
        assertWire(panel.call(bob.key(), "action", "refill_status", "refills", refill + "," + (refill + 1_000_000)), """
                [{"refill": %d, "status": {"error": "Refill not found"}}, {"refill": %d, "status": {"error": "Refill not found"}}]"""
                .formatted(refill, refill + 1_000_000));

        assertThat(panel.snapshot()).isEqualTo(before);
        assertThat(panel.call(alice.key(), "action", "status", "orders", pending + "," + running + "," + done)).isEqualTo(aliceSees);
        assertWire(panel.call(alice.key(), "action", "refill_status", "refill", Long.toString(refill)), """
                {"status": "Pending"}""");
        assertThat(panel.balance(alice).toWire()).isEqualTo("7.3");
        assertThat(panel.balance(bob).toWire()).isEqualTo("10");
    }

    @Test void the_same_link_may_be_ordered_by_two_customers_at_once() {
        var alice = panel.customer("10");
        var bob = panel.customer("10");
        add(alice, "https://instagram.com/shared");
        add(bob, "https://instagram.com/shared");
        assertThat(panel.balance(alice).toWire()).isEqualTo("9.1");
        assertThat(panel.balance(bob).toWire()).isEqualTo("9.1");
    }

    private static long add(TestPanel.Customer who, String link) {
        JsonNode reply = panel.call(who.key(), "action", "add", "service", Long.toString(followers), "link", link, "quantity", "1000");
        assertThat(reply.has("order")).as(reply.toString()).isTrue();
        return reply.get("order").asLong();
    }
}
