package org.opensmm.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What real panels send beside the documented shapes (PROTOCOL.md, "Acting as a client of an upstream provider"). */
class LenientRepliesTest {

    private final FakePanel panel = FakePanel.start();
    private final PanelClient client = panel.client();

    @AfterEach
    void stop() {
        client.close();
        panel.close();
    }

    @Test
    void services_with_numbers_instead_of_strings_keep_the_exact_rate() {
        panel.reply("services", """
                [{"service": "7", "name": "Likes", "type": "Default", "category": "Cat", "rate": 0.90,
                  "min": 50, "max": 10000, "refill": 1, "cancel": "0", "dripfeed": true}]""");

        assertThat(client.services()).isEqualTo(Outcome.ok(List.of(
                new ServiceInfo(7, "Likes", "Default", "Cat", new BigDecimal("0.90"), 50, 10000, true, false, true, ""))));
    }

    @Test
    void status_with_numbers_cancelled_spelling_and_no_currency() {
        panel.reply("status", """
                {"charge": 0.27819, "start_count": 3572, "status": "Cancelled", "remains": 0, "extra": "ignored"}""");

        assertThat(client.status(5)).isEqualTo(Outcome.ok(
                new OrderStatus(new BigDecimal("0.27819"), 3572L, Status.CANCELED, 0L, null, "Cancelled")));
    }

    @Test
    void status_with_unknown_remains_and_inprogress_spelling() {
        panel.reply("status", """
                {"charge": "1.2", "start_count": "", "status": "Inprogress", "remains": "Unknown", "currency": "EUR"}""");

        assertThat(client.status(5)).isEqualTo(Outcome.ok(
                new OrderStatus(new BigDecimal("1.2"), null, Status.IN_PROGRESS, null, "EUR", "Inprogress")));
    }

    @Test
    void status_text_nobody_documented_is_unknown_but_kept_verbatim() {
        panel.reply("status", "{\"charge\": \"1\", \"status\": \"Fraud check\"}");

        var status = client.status(5).orElseThrow();

        assertThat(status.status()).isEqualTo(Status.UNKNOWN);
        assertThat(status.rawStatus()).isEqualTo("Fraud check");
    }

    @Test
    void multi_status_with_a_bare_string_error_and_a_missing_id() {
        panel.reply("status", """
                {"1": {"charge": "0.5", "status": "COMPLETED", "remains": "0"}, "2": "Incorrect order ID"}""");

        var statuses = client.statuses(List.of(1L, 2L, 3L));

        assertThat(statuses.get(1L).orElseThrow().status()).isEqualTo(Status.COMPLETED);
        assertThat(statuses.get(2L)).isEqualTo(Outcome.rejected("Incorrect order ID"));
        assertThat(statuses.get(3L)).isInstanceOfSatisfying(Outcome.NoReply.class,
                n -> assertThat(n.reason()).isEqualTo("missing from reply"));
    }

    @Test
    void raw_message_key_errors_are_kept_verbatim() {
        panel.reply("add", "{\"error\": \"neworder.error.not_enough_funds\"}");

        assertThat(client.add(AddOrder.defaults(1, "https://x.com/a", 100)))
                .isEqualTo(Outcome.rejected("neworder.error.not_enough_funds"));
    }

    @Test
    void add_reply_with_the_order_id_as_a_string() {
        panel.reply("add", "{\"order\": \"23501\", \"error\": null}");

        assertThat(client.add(AddOrder.packageOrder(3, "https://x.com/a"))).isEqualTo(Outcome.ok(23501L));
    }

    @Test
    void multi_refill_with_string_ids_and_bare_string_errors() {
        panel.reply("refill", """
                [{"order": "1", "refill": "11"}, {"order": 2, "refill": "Refill already requested"},
                 {"order": 3, "error": "Incorrect order ID"}]""");

        assertThat(client.refills(List.of(1L, 2L, 3L))).containsExactly(
                entry(1L, Outcome.ok(11L)),
                entry(2L, Outcome.rejected("Refill already requested")),
                entry(3L, Outcome.rejected("Incorrect order ID")));
    }

    @Test
    void single_refill_with_a_numeric_id() {
        panel.reply("refill", "{\"refill\": 42}");

        assertThat(client.refill(1)).isEqualTo(Outcome.ok(42L));
    }

    @Test
    void refill_statuses_in_other_spellings_and_a_bare_string_error() {
        panel.reply("refill_status", """
                [{"refill": "1", "status": "in_progress"}, {"refill": 2, "status": "pending"},
                 {"refill": 3, "status": "Refill not found"}]""");

        assertThat(client.refillStatuses(List.of(1L, 2L, 3L))).containsExactly(
                entry(1L, Outcome.ok(RefillStatus.IN_PROGRESS)),
                entry(2L, Outcome.ok(RefillStatus.PENDING)),
                entry(3L, Outcome.rejected("Refill not found")));
    }

    @Test
    void cancel_accepts_any_truthy_value_and_reads_an_explicit_zero_as_not_accepted() {
        panel.reply("cancel", """
                [{"order": 1, "cancel": true}, {"order": 2, "cancel": "1"}, {"order": 3, "cancel": 0},
                 {"order": "4", "cancel": "Cancel is disabled for this service"}, {"order": 5, "cancel": "ok"}]""");

        assertThat(client.cancel(List.of(1L, 2L, 3L, 4L, 5L))).containsExactly(
                entry(1L, Outcome.ok(true)),
                entry(2L, Outcome.ok(true)),
                entry(3L, Outcome.ok(false)),
                entry(4L, Outcome.rejected("Cancel is disabled for this service")),
                entry(5L, Outcome.ok(true)));
    }

    @Test
    void balance_as_a_number_without_currency() {
        panel.reply("balance", "{\"balance\": 100.84292}");

        assertThat(client.balance()).isEqualTo(Outcome.ok(new Balance(new BigDecimal("100.84292"), null)));
    }

    @Test
    void one_id_batch_answered_in_the_single_id_form() {
        panel.reply("status", "{\"charge\": \"0.1\", \"status\": \"Pending\", \"remains\": \"100\"}");

        assertThat(client.statuses(List.of(77L)).get(77L).orElseThrow().status()).isEqualTo(Status.PENDING);
    }

    @Test
    void utf8_byte_order_mark_before_the_json_is_skipped() {
        panel.reply("balance", "\uFEFF{\"balance\": \"3.50\", \"currency\": \"USD\"}");

        assertThat(client.balance()).isEqualTo(Outcome.ok(new Balance(new BigDecimal("3.50"), "USD")));
    }

    @Test
    void whole_request_error_on_a_multi_call_rejects_every_id() {
        panel.reply("status", "{\"error\": \"Invalid API key\"}");

        assertThat(client.statuses(List.of(1L, 2L))).containsExactly(
                entry(1L, Outcome.rejected("Invalid API key")),
                entry(2L, Outcome.rejected("Invalid API key")));
    }

    @Test
    void too_many_ids_error_rejects_every_id_of_the_batch() {
        panel.reply("refill", "{\"error\": \"Too many IDs\"}");

        assertThat(client.refills(List.of(4L, 5L)).values()).containsOnly(Outcome.rejected("Too many IDs"));
    }
}
