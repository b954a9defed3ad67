package org.opensmm.order;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensmm.catalog.ServiceType;
import org.opensmm.ledger.Ledger;
import org.opensmm.ledger.Money;
import org.opensmm.testing.TestPanel;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opensmm.testing.Wire.assertWire;

/** Partial and Canceled give back the unspent part exactly once, in the ledger; repeating a status changes nothing. */
class RefundsTest {
    static TestPanel panel;
    static long followers; // 0.90 per 1000

    @BeforeAll static void start() {
        panel = TestPanel.start();
        followers = panel.service(ServiceType.DEFAULT, "0.90", 50, 10_000);
    }

    @AfterAll static void stop() { panel.close(); }

    @Test void partial_refunds_the_unspent_share_once() {
        var alice = panel.customer("1");
        long order = add(alice, "https://instagram.com/partial", "1000");
        panel.panel.orders.applyStatus(order, Status.IN_PROGRESS, 100L, 600L);
        assertThat(panel.balance(alice)).isEqualTo(Money.parse("0.1"));

        panel.panel.orders.applyStatus(order, Status.PARTIAL, 100L, 250L);
        assertThat(panel.balance(alice)).isEqualTo(Money.parse("0.325")); // 250 of 1000 undelivered: 0.225 back
        assertThat(refunds(alice)).containsExactly(Money.parse("0.225"));
        assertWire(status(alice, order), """
                {"charge": "0.675", "start_count": "100", "status": "Partial", "remains": "250", "currency": "USD"}""");

        String settled = panel.snapshot();
        panel.panel.orders.applyStatus(order, Status.PARTIAL, 100L, 250L);
        panel.panel.orders.applyStatus(order, Status.PARTIAL, 100L, 900L); // a different remains does not reopen it
        assertThat(panel.snapshot()).isEqualTo(settled);
        assertThat(panel.ledgerSum(alice)).isEqualTo(panel.balance(alice));
    }

    @Test void a_partial_refund_is_rounded_half_up_to_5_decimals() {
        long cheap = panel.service(ServiceType.DEFAULT, "0.33333", 1, 10_000);
        var alice = panel.customer("1");
        long order = add(alice, cheap, "https://instagram.com/rounding", "7"); // 0.00233331 → 0.00233
        panel.panel.orders.applyStatus(order, Status.PARTIAL, 0L, 3L);    // 0.00233 × 3 / 7 = 0.000998… → 0.001
        assertThat(refunds(alice)).containsExactly(Money.parse("0.001"));
        assertThat(panel.balance(alice)).isEqualTo(Money.parse("0.99867"));
        assertThat(status(alice, order).get("charge").asText()).isEqualTo("0.00133");
        assertThat(panel.ledgerSum(alice)).isEqualTo(panel.balance(alice));
    }

    @Test void canceled_refunds_the_whole_charge_once() {
        var alice = panel.customer("1");
        long order = add(alice, "https://instagram.com/canceled", "1000");
        panel.panel.orders.applyStatus(order, Status.IN_PROGRESS, 10L, 400L);
        panel.panel.orders.applyStatus(order, Status.CANCELED, null, null);
        assertThat(panel.balance(alice)).isEqualTo(Money.parse("1"));
        assertThat(refunds(alice)).containsExactly(Money.parse("0.9"));
        assertWire(status(alice, order), """
                {"charge": "0", "start_count": "10", "status": "Canceled", "remains": "1000", "currency": "USD"}""");

        String settled = panel.snapshot();
        panel.panel.orders.applyStatus(order, Status.CANCELED, null, null);
        assertThat(panel.snapshot()).isEqualTo(settled);
    }

    @Test void cancel_of_a_pending_order_through_the_api_cancels_it_at_once_with_a_full_refund() {
        var alice = panel.customer("1");
        long order = add(alice, "https://instagram.com/cancel-now", "1000");
        assertWire(panel.call(alice.key(), "action", "cancel", "orders", Long.toString(order)), """
                [{"order": %d, "cancel": 1}]""".formatted(order));
        assertThat(panel.balance(alice)).isEqualTo(Money.parse("1"));
        assertThat(refunds(alice)).containsExactly(Money.parse("0.9"));
        assertThat(status(alice, order).get("status").asText()).isEqualTo("Canceled");

        String settled = panel.snapshot();
        assertWire(panel.call(alice.key(), "action", "cancel", "order", Long.toString(order)), """
                [{"order": %d, "cancel": {"error": "Cancel is not available for this order"}}]""".formatted(order));
        panel.panel.orders.applyStatus(order, Status.CANCELED, null, null);
        assertThat(panel.snapshot()).isEqualTo(settled);
        // a canceled order frees its link
        add(alice, "https://instagram.com/cancel-now", "1000");
    }

    @Test void cancel_of_a_running_order_waits_for_confirmation_then_refunds_once() {
        var alice = panel.customer("1");
        long order = add(alice, "https://instagram.com/cancel-later", "1000");
        panel.panel.orders.applyStatus(order, Status.IN_PROGRESS, 10L, 700L);
        assertWire(panel.call(alice.key(), "action", "cancel", "orders", Long.toString(order)), """
                [{"order": %d, "cancel": 1}]""".formatted(order));
        assertThat(status(alice, order).get("status").asText()).isEqualTo("In progress");
        assertThat(panel.balance(alice)).isEqualTo(Money.parse("0.1"));

        panel.panel.orders.resolveCancel(order, true);
        assertThat(panel.balance(alice)).isEqualTo(Money.parse("1"));
        assertThat(refunds(alice)).containsExactly(Money.parse("0.9"));
        assertThat(status(alice, order).get("status").asText()).isEqualTo("Canceled");
        assertThat(panel.ledgerSum(alice)).isEqualTo(panel.balance(alice));
    }

    @Test void the_same_status_applied_twice_changes_nothing_the_second_time() {
        var alice = panel.customer("1");
        long order = add(alice, "https://instagram.com/twice", "1000");
        panel.panel.orders.applyStatus(order, Status.IN_PROGRESS, 5L, 300L);
        String once = panel.snapshot();
        panel.panel.orders.applyStatus(order, Status.IN_PROGRESS, 5L, 300L);
        assertThat(panel.snapshot()).isEqualTo(once);

        panel.panel.orders.applyStatus(order, Status.COMPLETED, 5L, 0L);
        String completed = panel.snapshot();
        panel.panel.orders.applyStatus(order, Status.COMPLETED, 5L, 0L);
        assertThat(panel.snapshot()).isEqualTo(completed);
        assertThat(refunds(alice)).isEmpty();
        assertThat(panel.balance(alice)).isEqualTo(Money.parse("0.1"));
    }

    private static long add(TestPanel.Customer who, String link, String quantity) { return add(who, followers, link, quantity); }

    private static long add(TestPanel.Customer who, long service, String link, String quantity) {
        JsonNode reply = panel.call(who.key(), "action", "add", "service", Long.toString(service), "link", link, "quantity", quantity);
        assertThat(reply.has("order")).as(reply.toString()).isTrue();
        return reply.get("order").asLong();
    }

    private static JsonNode status(TestPanel.Customer who, long order) {
        return panel.call(who.key(), "action", "status", "order", Long.toString(order));
    }

    private static List<Money> refunds(TestPanel.Customer who) {
        return panel.panel.db.read(tx -> panel.panel.ledger.entries(tx, who.id(), 100)).stream()
                .filter(e -> e.kind() == Ledger.Kind.REFUND).map(Ledger.Entry::amount).toList();
    }
}
