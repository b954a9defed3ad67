package org.opensmm.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every example reply of the five seed documents, read field for field. */
class SeedRepliesTest {

    private final FakePanel panel = FakePanel.start();
    private final PanelClient client = panel.client();

    @AfterEach
    void stop() {
        client.close();
        panel.close();
    }

    @Test
    void services_list_with_cancel_is_read_field_for_field() {
        panel.reply("services", """
                [
                    {"service": 1, "name": "Followers", "type": "Default", "category": "First Category",
                     "rate": "0.90", "min": "50", "max": "10000", "refill": true, "cancel": true},
                    {"service": 2, "name": "Comments", "type": "Custom Comments", "category": "Second Category",
                     "rate": "8", "min": "10", "max": "1500", "refill": false, "cancel": true}
                ]""");

        assertThat(client.services()).isEqualTo(Outcome.ok(List.of(
                new ServiceInfo(1, "Followers", "Default", "First Category", new BigDecimal("0.90"), 50, 10000, true, true),
                new ServiceInfo(2, "Comments", "Custom Comments", "Second Category", new BigDecimal("8"), 10, 1500, false, true))));
        assertThat(panel.last().form()).containsExactly(
                entry("key", "test-key"),
                entry("action", "services"));
    }

    @Test
    void services_list_without_cancel_as_seed_003_sends_means_cancel_false() {
        panel.reply("services", """
                [{"service": 1, "name": "Followers", "type": "Default", "category": "First Category",
                  "rate": "0.90", "min": "50", "max": "10000", "refill": true},
                 {"service": 2, "name": "Comments", "type": "Custom Comments", "category": "Second Category",
                  "rate": "8", "min": "10", "max": "1500", "refill": false}]""");

        var services = client.services().orElseThrow();

        assertThat(services).extracting(ServiceInfo::cancel).containsExactly(false, false);
        assertThat(services).extracting(ServiceInfo::refill).containsExactly(true, false);
        assertThat(services.getFirst().rate()).isEqualByComparingTo("0.90").hasToString("0.90");
    }

    @Test
    void add_reply_gives_the_upstream_order_id() {
        panel.reply("add", "{ \"order\": 23501 }");

        assertThat(client.add(AddOrder.defaults(1, "https://instagram.com/x", 100))).isEqualTo(Outcome.ok(23501L));
    }

    @Test
    void single_status_is_read_field_for_field() {
        panel.reply("status", """
                {"charge": "0.27819", "start_count": "3572", "status": "Partial", "remains": "157", "currency": "USD"}""");

        assertThat(client.status(1)).isEqualTo(Outcome.ok(
                new OrderStatus(new BigDecimal("0.27819"), 3572L, Status.PARTIAL, 157L, "USD", "Partial")));
        assertThat(panel.last().form()).containsEntry("action", "status").containsEntry("order", "1");
    }

    @Test
    void multi_status_gives_each_order_its_status_or_its_error() {
        panel.reply("status", """
                {
                  "1":   { "charge": "0.27819", "start_count": "3572", "status": "Partial",     "remains": "157", "currency": "USD" },
                  "10":  { "error": "Incorrect order ID" },
                  "100": { "charge": "1.44219", "start_count": "234",  "status": "In progress", "remains": "10",  "currency": "USD" }
                }""");

        var statuses = client.statuses(List.of(1L, 10L, 100L));

        assertThat(statuses).containsExactly(
                entry(1L, Outcome.ok(new OrderStatus(
                        new BigDecimal("0.27819"), 3572L, Status.PARTIAL, 157L, "USD", "Partial"))),
                entry(10L, Outcome.rejected("Incorrect order ID")),
                entry(100L, Outcome.ok(new OrderStatus(
                        new BigDecimal("1.44219"), 234L, Status.IN_PROGRESS, 10L, "USD", "In progress"))));
        assertThat(panel.last().form()).containsEntry("orders", "1,10,100").doesNotContainKey("order");
    }

    @Test
    void single_refill_reply_with_string_id_gives_the_refill_id() {
        panel.reply("refill", "{ \"refill\": \"1\" }");

        assertThat(client.refill(7)).isEqualTo(Outcome.ok(1L));
        assertThat(panel.last().form()).containsEntry("action", "refill").containsEntry("order", "7");
    }

    @Test
    void multi_refill_gives_each_order_its_refill_id_or_its_error() {
        panel.reply("refill", """
                [
                  { "order": 1, "refill": 1 },
                  { "order": 2, "refill": 2 },
                  { "order": 3, "refill": { "error": "Incorrect order ID" } }
                ]""");

        assertThat(client.refills(List.of(1L, 2L, 3L))).containsExactly(
                entry(1L, Outcome.ok(1L)),
                entry(2L, Outcome.ok(2L)),
                entry(3L, Outcome.rejected("Incorrect order ID")));
        assertThat(panel.last().form()).containsEntry("orders", "1,2,3");
    }

    @Test
    void single_refill_status_is_read() {
        panel.reply("refill_status", "{ \"status\": \"Completed\" }");

        assertThat(client.refillStatus(1)).isEqualTo(Outcome.ok(RefillStatus.COMPLETED));
        assertThat(panel.last().form()).containsEntry("action", "refill_status").containsEntry("refill", "1");
    }

    @Test
    void multi_refill_status_gives_each_refill_its_status_or_its_error() {
        panel.reply("refill_status", """
                [
                  { "refill": 1, "status": "Completed" },
                  { "refill": 2, "status": "Rejected" },
                  { "refill": 3, "status": { "error": "Refill not found" } }
                ]""");

        assertThat(client.refillStatuses(List.of(1L, 2L, 3L))).containsExactly(
                entry(1L, Outcome.ok(RefillStatus.COMPLETED)),
                entry(2L, Outcome.ok(RefillStatus.REJECTED)),
                entry(3L, Outcome.rejected("Refill not found")));
        assertThat(panel.last().form()).containsEntry("refills", "1,2,3");
    }

    @Test
    void cancel_list_gives_each_order_accepted_or_its_error() {
        panel.reply("cancel", """
                [
                  { "order": 9, "cancel": { "error": "Incorrect order ID" } },
                  { "order": 2, "cancel": 1 }
                ]""");

        assertThat(client.cancel(List.of(9L, 2L))).containsExactly(
                entry(9L, Outcome.rejected("Incorrect order ID")),
                entry(2L, Outcome.ok(true)));
        assertThat(panel.last().form()).containsEntry("action", "cancel").containsEntry("orders", "9,2");
    }

    @Test
    void balance_is_read_exactly() {
        panel.reply("balance", "{ \"balance\": \"100.84292\", \"currency\": \"USD\" }");

        assertThat(client.balance()).isEqualTo(Outcome.ok(new Balance(new BigDecimal("100.84292"), "USD")));
    }
}
