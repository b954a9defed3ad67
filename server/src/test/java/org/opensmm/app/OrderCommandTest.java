package org.opensmm.app;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensmm.catalog.ServiceType;
import org.opensmm.ledger.Ledger;
import org.opensmm.testing.TestPanel;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code opensmm order …}: status changes go through OrderService, so refunds happen once and in the ledger. */
class OrderCommandTest {
    static TestPanel panel;
    static Cli cli;
    static long followers;
    static long comments;

    @BeforeAll static void start() {
        panel = TestPanel.start();
        cli = new Cli(panel);
        followers = panel.service(ServiceType.DEFAULT, "0.90", 50, 10_000); // 1000 units cost 0.90
        comments = panel.service(ServiceType.CUSTOM_COMMENTS, "8", 1, 100);
    }

    @AfterAll static void stop() { panel.close(); }

    @Test void partial_refunds_the_undelivered_share_exactly_once_even_when_set_twice() {
        var alice = panel.customer("10");
        long order = cli.order(alice, followers, "https://instagram.com/alice", 1000);

        String out = cli.ok("order", "set-status", Long.toString(order), "partial", "--remains", "400", "--start-count", "3572");

        assertThat(out).contains("Pending -> Partial, remains 400 of 1000, start count 3572").contains("Refunded 0.36");
        assertThat(cli.balance(alice)).isEqualTo("9.46");
        var status = panel.call(alice.key(), "action", "status", "order", Long.toString(order));
        assertThat(status.path("charge").asText()).isEqualTo("0.54");
        assertThat(status.path("start_count").asText()).isEqualTo("3572");

        String again = cli.ok("order", "set-status", Long.toString(order), "Partial");

        assertThat(again).contains("already Partial: nothing changed");
        assertThat(cli.balance(alice)).isEqualTo("9.46");
        assertThat(refunds(alice)).isEqualTo(1);
        assertThat(panel.ledgerSum(alice)).isEqualTo(panel.balance(alice));
    }

    @Test void a_finished_order_cannot_move_to_another_status_or_other_remains() {
        var bob = panel.customer("10");
        long order = cli.order(bob, followers, "https://instagram.com/bob", 1000);
        cli.ok("order", "set-status", Long.toString(order), "Partial", "--remains", "500");
        String before = panel.snapshot();

        assertThat(cli.refused("order", "set-status", Long.toString(order), "Canceled")).isEqualTo("error: order " + order + " is already Partial");
        assertThat(cli.refused("order", "set-status", Long.toString(order), "Partial", "--remains", "100"))
                .contains("already Partial with remains 500");
        assertThat(panel.snapshot()).isEqualTo(before);
    }

    @Test void order_show_and_list_print_control_characters_in_links_comments_and_upstream_words_as_text() {
        var eve = panel.customer("100");
        long order = panel.call(eve.key(), "action", "add", "service", Long.toString(comments), "link", "https://instagram.com/p/eve",
                "comments", "nice\u001b[2J\nwow\u001b]0;title\u0007").get("order").asLong();
        // a link stored before links were checked, and an upstream's words as they came
        panel.panel.db.inTransaction(tx -> tx.update("UPDATE orders SET link = ?, provider_error = ? WHERE id = ?",
                "https://instagram.com/p/\u001b[2Jx", "upstream says \u001b]0;owned\u0007\rforged", order));

        String show = cli.ok("order", "show", Long.toString(order));
        String list = cli.ok("order", "list", "--customer", "#" + eve.id());

        assertThat(show).contains("https://instagram.com/p/\\x1b[2Jx", "nice\\x1b[2J", "wow\\x1b]0;title\\x07",
                "upstream says \\x1b]0;owned\\x07\\rforged");
        assertThat(list).contains("https://instagram.com/p/\\x1b[2Jx");
        assertThat(show + list).doesNotContain("\u001b", "\u0007", "\r");
    }

    @Test void canceled_refunds_the_whole_charge() {
        var carol = panel.customer("1");
        long order = cli.order(carol, followers, "https://instagram.com/carol", 1000);

        String out = cli.ok("order", "set-status", Long.toString(order), "cancelled");

        assertThat(out).contains("-> Canceled").contains("Refunded 0.9");
        assertThat(cli.balance(carol)).isEqualTo("1");
        assertThat(cli.status(carol, order)).isEqualTo("Canceled");
    }

    @Test void completed_and_in_progress_refund_nothing() {
        var dave = panel.customer("1");
        long order = cli.order(dave, followers, "https://instagram.com/dave", 1000);

        assertThat(cli.ok("order", "set-status", Long.toString(order), "In progress", "--start-count", "10")).contains("No refund.");
        assertThat(cli.status(dave, order)).isEqualTo("In progress");
        assertThat(cli.ok("order", "set-status", Long.toString(order), "COMPLETED")).contains("-> Completed, remains 0 of 1000");
        assertThat(cli.balance(dave)).isEqualTo("0.1");
    }

    @Test void bad_status_changes_are_refused_with_one_line_and_change_nothing() {
        var erin = panel.customer("1");
        long order = cli.order(erin, followers, "https://instagram.com/erin", 1000);
        String id = Long.toString(order);
        String before = panel.snapshot();

        assertThat(cli.refused("order", "set-status", id, "Partial", "--remains", "1001")).contains("remains must be between 0 and 1000");
        assertThat(cli.refused("order", "set-status", id, "Partial", "--remains", "0")).contains("remains > 0");
        assertThat(cli.refused("order", "set-status", id, "Done"))
                .contains("unknown order status 'Done'").contains("Pending, In progress, Processing, Completed, Partial, Canceled");
        assertThat(cli.refused("order", "set-status", id, "Active")).contains("subscription status");
        assertThat(cli.refused("order", "set-status", id, "Completed", "--start-count", "-1")).contains("cannot be negative");
        assertThat(cli.refused("order", "set-status", "999999", "Completed")).startsWith("error: no order 999999");
        assertThat(cli.refused("order", "show", "999999")).startsWith("error: no order 999999");
        assertThat(panel.snapshot()).isEqualTo(before);
    }

    @Test void show_prints_every_field_including_the_type_fields_and_the_money() {
        var frank = panel.customer("1");
        long order = cli.order(frank, followers, "https://instagram.com/frank", 1000);
        var reply = panel.call(frank.key(), "action", "add", "service", Long.toString(comments), "link", "https://instagram.com/p/1",
                "comments", "great\nlove it");
        long withComments = reply.get("order").asLong();
        cli.ok("order", "set-status", Long.toString(order), "Partial", "--remains", "250");

        String out = cli.ok("order", "show", Long.toString(order));

        assertThat(out).containsPattern("(?m)^customer\\s+" + frank.id() + " '")
                .containsPattern("(?m)^service\\s+" + followers + " 'Default service'$")
                .containsPattern("(?m)^link\\s+https://instagram.com/frank$")
                .containsPattern("(?m)^charge\\s+0\\.9$").containsPattern("(?m)^refunded\\s+0\\.225$")
                .containsPattern("(?m)^final charge\\s+0\\.675$").containsPattern("(?m)^status\\s+Partial$")
                .containsPattern("(?m)^remains\\s+250$").containsPattern("(?m)^stage\\s+[A-Z]+$")
                .containsPattern("(?m)^provider\\s+-$").containsPattern("(?m)^completed\\s+\\d{4}-\\d\\d-\\d\\dT");

        String commentsOut = cli.ok("order", "show", Long.toString(withComments));
        assertThat(commentsOut).containsPattern("(?m)^  comments\\s+great\\n\\s+love it$").containsPattern("(?m)^quantity\\s+2$");
    }

    @Test void list_filters_by_customer_and_status() {
        var gina = panel.customer("5");
        long pending = cli.order(gina, followers, "https://instagram.com/gina1", 1000);
        long done = cli.order(gina, followers, "https://instagram.com/gina2", 1000);
        cli.ok("order", "set-status", Long.toString(done), "Completed");
        var other = panel.customer("5");
        long others = cli.order(other, followers, "https://instagram.com/other", 1000);

        String mine = cli.ok("order", "list", "--customer", "#" + gina.id());
        String completed = cli.ok("order", "list", "--customer", "#" + gina.id(), "--status", "completed");

        assertThat(mine).containsPattern("(?m)^\\s*" + pending + "\\s").containsPattern("(?m)^\\s*" + done + "\\s")
                .doesNotContainPattern("(?m)^\\s*" + others + "\\s");
        assertThat(completed).containsPattern("(?m)^\\s*" + done + "\\s.*Completed").doesNotContainPattern("(?m)^\\s*" + pending + "\\s");
        assertThat(cli.ok("order", "list", "--limit", "1").lines().count()).isEqualTo(3); // header, one order, the --limit hint
        assertThat(cli.refused("order", "list", "--status", "Lost")).contains("unknown order status 'Lost'");
    }

    private static long refunds(TestPanel.Customer c) {
        return panel.panel.db.read(tx -> panel.panel.ledger.entries(tx, c.id(), 100)).stream()
                .filter(e -> e.kind() == Ledger.Kind.REFUND).count();
    }

    @Test void a_post_of_an_active_subscription_is_charged_and_shows_in_its_status() {
        long subs = panel.service(ServiceType.SUBSCRIPTIONS, "2.00", 100, 1000);
        var fan = panel.customer("1");
        long order = panel.call(fan.key(), "action", "add", "service", Long.toString(subs), "username", "someone",
                "min", "100", "max", "200", "delay", "0").get("order").asLong();
        cli.ok("order", "set-status", Long.toString(order), "Active");

        String out = cli.ok("order", "post", Long.toString(order), "150");

        assertThat(out).contains("150 units, charged 0.3");
        assertThat(cli.balance(fan)).isEqualTo("0.7");
        assertThat(panel.call(fan.key(), "action", "status", "order", Long.toString(order)).path("charge").asText()).isEqualTo("0.3");
        assertThat(panel.ledgerSum(fan)).isEqualTo(panel.balance(fan));
    }

    @Test void a_post_the_customer_cannot_pay_ends_the_subscription_and_charges_nothing() {
        long subs = panel.service(ServiceType.SUBSCRIPTIONS, "2.00", 100, 1000);
        var poor = panel.customer("0.1");
        long order = panel.call(poor.key(), "action", "add", "service", Long.toString(subs), "username", "someone",
                "min", "100", "max", "200", "delay", "0").get("order").asLong();
        cli.ok("order", "set-status", Long.toString(order), "Active");

        var r = cli.run("order", "post", Long.toString(order), "150");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("cannot pay");
        assertThat(cli.status(poor, order)).isEqualTo("Completed");
        assertThat(cli.balance(poor)).isEqualTo("0.1");
    }

    @Test void a_post_of_an_order_that_is_not_an_active_subscription_is_refused() {
        var alice = panel.customer("10");
        long order = cli.order(alice, followers, "https://instagram.com/not-a-subscription", 1000);
        String before = panel.snapshot();

        assertThat(cli.refused("order", "post", Long.toString(order), "100")).contains("no subscription " + order);
        assertThat(panel.snapshot()).isEqualTo(before);
    }
}
