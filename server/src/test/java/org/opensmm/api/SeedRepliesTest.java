package org.opensmm.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensmm.catalog.Rate;
import org.opensmm.catalog.Service;
import org.opensmm.catalog.ServiceType;
import org.opensmm.ledger.Money;
import org.opensmm.order.Refills;
import org.opensmm.order.Status;
import org.opensmm.testing.TestPanel;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opensmm.testing.Wire.assertWire;

/**
 * Every example reply of the five seed documents, reproduced field for field by the real server: the state each
 * example describes is set up, then the reply must equal the seed's text in JSON types, key order and values.
 * Ids the database hands out are put where the seed shows its ids ({@code %d}); everything else is the seed verbatim.
 */
class SeedRepliesTest {
    static TestPanel panel;
    static long followers;   // seed service 1
    static long comments;    // seed service 2

    @BeforeAll static void start() {
        panel = TestPanel.start();
        // Created first on a fresh database, so their ids are the seed's 1 and 2.
        followers = panel.panel.catalog.add(new Service(0, "Followers", ServiceType.DEFAULT, "First Category", Rate.parse("0.90"),
                50, 10_000, true, true, true, 30, 0, Set.of(), true)).id();
        comments = panel.panel.catalog.add(new Service(0, "Comments", ServiceType.CUSTOM_COMMENTS, "Second Category", Rate.parse("8"),
                10, 1500, false, true, false, 30, 0, Set.of(), true)).id();
    }

    @AfterAll static void stop() { panel.close(); }

    // the seed's fields in its order, then "dripfeed" and "desc", which PROTOCOL.md adds for importing panels
    @Test void services_list_is_the_seed_list_with_a_custom_comments_service() {
        var alice = panel.customer("0");
        assertWire(panel.call(alice.key(), "action", "services"), """
                [
                    {
                        "service": 1,
                        "name": "Followers",
                        "type": "Default",
                        "category": "First Category",
                        "rate": "0.90",
                        "min": "50",
                        "max": "10000",
                        "refill": true,
                        "cancel": true,
                        "dripfeed": true,
                        "desc": ""
                    },
                    {
                        "service": 2,
                        "name": "Comments",
                        "type": "Custom Comments",
                        "category": "Second Category",
                        "rate": "8",
                        "min": "10",
                        "max": "1500",
                        "refill": false,
                        "cancel": true,
                        "dripfeed": false,
                        "desc": ""
                    }
                ]""");
    }

    @Test void add_replies_with_the_new_order_id_as_a_number() {
        var alice = panel.customer("10");
        JsonNode reply = panel.call(alice.key(), "action", "add", "service", "1", "link", "https://instagram.com/seed-add",
                "quantity", "1000", "runs", "", "interval", "");
        long order = reply.path("order").asLong();
        assertThat(order).isPositive();
        assertWire(reply, """
                { "order": %d }""".formatted(order));

        JsonNode custom = panel.call(alice.key(), "action", "add", "service", "2", "link", "https://instagram.com/p/seed",
                "comments", String.join("\r\n", java.util.Collections.nCopies(10, "nice")));
        assertWire(custom, """
                { "order": %d }""".formatted(custom.path("order").asLong()));
        assertThat(panel.balance(alice)).isEqualTo(Money.parse("9.02")); // 0.90 + 10 comments × 8 / 1000
    }

    @Test void single_status_of_a_partial_order_is_the_seed_reply() {
        var alice = panel.customer("10");
        long order = partialOrder(alice, "https://instagram.com/seed-status");
        assertWire(panel.call(alice.key(), "action", "status", "order", Long.toString(order)), """
                {
                  "charge": "0.27819",
                  "start_count": "3572",
                  "status": "Partial",
                  "remains": "157",
                  "currency": "USD"
                }""");
    }

    @Test void multi_status_is_keyed_by_the_requested_ids_in_request_order_with_an_error_entry() {
        var alice = panel.customer("10");
        long first = partialOrder(alice, "https://instagram.com/seed-multi-1");
        long last = inProgressOrder(alice, "https://instagram.com/seed-multi-100");
        long missing = last + 1_000_000;
        // the last id first and a duplicate: keys keep request order and appear once
        JsonNode reply = panel.call(alice.key(), "action", "status",
                "orders", first + ", " + missing + "," + last + "," + first);
        assertWire(reply, """
                {
                  "%d":   { "charge": "0.27819", "start_count": "3572", "status": "Partial",     "remains": "157", "currency": "USD" },
                  "%d":  { "error": "Incorrect order ID" },
                  "%d": { "charge": "1.44219", "start_count": "234",  "status": "In progress", "remains": "10",  "currency": "USD" }
                }""".formatted(first, missing, last));

        JsonNode reversed = panel.call(alice.key(), "action", "status", "orders", last + "," + first);
        assertThat(org.opensmm.testing.Wire.fieldNames(reversed)).containsExactly(Long.toString(last), Long.toString(first));
    }

    @Test void single_refill_replies_with_the_refill_id_as_a_string() {
        var alice = panel.customer("10");
        long order = completedOrder(alice, "https://instagram.com/seed-refill");
        JsonNode reply = panel.call(alice.key(), "action", "refill", "order", Long.toString(order));
        long refill = Long.parseLong(reply.path("refill").asText());
        assertWire(reply, """
                {
                    "refill": "%d"
                }""".formatted(refill));
    }

    @Test void multi_refill_lists_one_entry_per_id_with_numbers_and_error_entries() {
        var alice = panel.customer("10");
        long one = completedOrder(alice, "https://instagram.com/seed-refills-1");
        long two = completedOrder(alice, "https://instagram.com/seed-refills-2");
        long three = two + 1_000_000;
        JsonNode reply = panel.call(alice.key(), "action", "refill", "orders", one + "," + two + "," + three);
        long r1 = reply.path(0).path("refill").asLong();
        long r2 = reply.path(1).path("refill").asLong();
        assertWire(reply, """
                [
                  { "order": %d, "refill": %d },
                  { "order": %d, "refill": %d },
                  { "order": %d, "refill": { "error": "Incorrect order ID" } }
                ]""".formatted(one, r1, two, r2, three));
        assertThat(r2).isNotEqualTo(r1);
    }

    @Test void refill_status_single_and_multi_are_the_seed_replies() {
        var alice = panel.customer("10");
        long r1 = refill(alice, completedOrder(alice, "https://instagram.com/seed-rs-1"));
        long r2 = refill(alice, completedOrder(alice, "https://instagram.com/seed-rs-2"));
        long r3 = r2 + 1_000_000;
        panel.panel.refills.resolve(r1, Refills.State.COMPLETED);
        panel.panel.refills.resolve(r2, Refills.State.REJECTED);

        assertWire(panel.call(alice.key(), "action", "refill_status", "refill", Long.toString(r1)), """
                { "status": "Completed" }""");
        assertWire(panel.call(alice.key(), "action", "refill_status", "refills", r1 + "," + r2 + "," + r3), """
                [
                  { "refill": %d, "status": "Completed" },
                  { "refill": %d, "status": "Rejected" },
                  { "refill": %d, "status": { "error": "Refill not found" } }
                ]""".formatted(r1, r2, r3));
        assertWire(panel.call(alice.key(), "action", "refill_status", "refill", Long.toString(r3)), """
                { "error": "Refill not found" }""");
    }

    @Test void cancel_lists_an_error_entry_and_cancel_1_for_an_accepted_cancel() {
        var alice = panel.customer("10");
        long two = panel.call(alice.key(), "action", "add", "service", Long.toString(comments), "link", "https://instagram.com/p/seed-cancel",
                "comments", "one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten").path("order").asLong();
        long nine = two + 1_000_000;
        assertWire(panel.call(alice.key(), "action", "cancel", "orders", nine + "," + two), """
                [
                  { "order": %d, "cancel": { "error": "Incorrect order ID" } },
                  { "order": %d, "cancel": 1 }
                ]""".formatted(nine, two));
        assertThat(panel.balance(alice)).isEqualTo(Money.parse("10"));
    }

    @Test void balance_is_the_seed_reply() {
        var alice = panel.customer("100.84292");
        assertWire(panel.call(alice.key(), "action", "balance"), """
                {
                  "balance": "100.84292",
                  "currency": "USD"
                }""");
    }

    /** Charge 0.33 for 1000 at a custom rate; Partial with 157 left refunds 0.05181: "0.27819", as the seed shows. */
    private static long partialOrder(TestPanel.Customer who, String link) {
        panel.panel.catalog.setCustomRate(who.id(), followers, Rate.parse("0.33"));
        long order = add(who, link);
        panel.panel.orders.applyStatus(order, Status.PARTIAL, 3572L, 157L);
        return order;
    }

    /** Charge 1.44219 for 1000 at a custom rate, still running with 10 left. */
    private static long inProgressOrder(TestPanel.Customer who, String link) {
        panel.panel.catalog.setCustomRate(who.id(), followers, Rate.parse("1.44219"));
        long order = add(who, link);
        panel.panel.orders.applyStatus(order, Status.IN_PROGRESS, 234L, 10L);
        return order;
    }

    private static long completedOrder(TestPanel.Customer who, String link) {
        long order = add(who, link);
        panel.panel.orders.applyStatus(order, Status.COMPLETED, 100L, 0L);
        return order;
    }

    private static long add(TestPanel.Customer who, String link) {
        JsonNode reply = panel.call(who.key(), "action", "add", "service", Long.toString(followers), "link", link, "quantity", "1000");
        assertThat(reply.has("order")).as(reply.toString()).isTrue();
        return reply.get("order").asLong();
    }

    private static long refill(TestPanel.Customer who, long order) {
        JsonNode reply = panel.call(who.key(), "action", "refill", "order", Long.toString(order));
        assertThat(reply.path("refill").isTextual()).as(reply.toString()).isTrue();
        return Long.parseLong(reply.get("refill").asText());
    }
}
