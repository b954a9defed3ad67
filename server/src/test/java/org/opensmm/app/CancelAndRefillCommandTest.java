package org.opensmm.app;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensmm.catalog.ServiceType;
import org.opensmm.testing.TestPanel;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code opensmm cancel …} and {@code opensmm refill …}: the operator's answers to what customers asked over API v2. */
class CancelAndRefillCommandTest {
    static TestPanel panel;
    static Cli cli;
    static long followers;

    @BeforeAll static void start() {
        panel = TestPanel.start();
        cli = new Cli(panel);
        followers = panel.service(ServiceType.DEFAULT, "0.90", 50, 10_000); // refill and cancel allowed, no cool-down
    }

    @AfterAll static void stop() { panel.close(); }

    /** An order in progress (so already "sent") whose customer asked to cancel it: the request waits for the operator. */
    private long cancelRequested(TestPanel.Customer who, String link) {
        long order = cli.order(who, followers, link, 1000);
        cli.ok("order", "set-status", Long.toString(order), "In progress");
        var reply = panel.call(who.key(), "action", "cancel", "orders", Long.toString(order));
        assertThat(reply.get(0).path("cancel").asInt()).as("cancel reply %s", reply).isEqualTo(1);
        return order;
    }

    @Test void a_stored_cancel_request_is_listed_and_accepting_it_refunds_the_whole_charge() {
        var alice = panel.customer("2");
        long order = cancelRequested(alice, "https://instagram.com/alice");

        assertThat(cli.ok("cancel", "list")).containsPattern("(?m)^\\s*" + order + "\\s+" + alice.id() + "\\s+" + followers + "\\s+In progress\\s+0\\.9\\s");

        String out = cli.ok("cancel", "accept", Long.toString(order));

        assertThat(out).contains("Order " + order + " canceled: refunded 0.9").contains("balance now 2");
        assertThat(cli.status(alice, order)).isEqualTo("Canceled");
        assertThat(cli.balance(alice)).isEqualTo("2");
        assertThat(cli.ok("cancel", "list")).doesNotContainPattern("(?m)^\\s*" + order + "\\s");
        assertThat(panel.ledgerSum(alice)).isEqualTo(panel.balance(alice));
    }

    @Test void rejecting_a_cancel_request_keeps_the_order_and_its_charge_and_the_customer_may_ask_again() {
        var bob = panel.customer("2");
        long order = cancelRequested(bob, "https://instagram.com/bob");

        assertThat(cli.ok("cancel", "reject", Long.toString(order))).contains("rejected; the order stays In progress");

        assertThat(cli.status(bob, order)).isEqualTo("In progress");
        assertThat(cli.balance(bob)).isEqualTo("1.1");
        assertThat(panel.call(bob.key(), "action", "cancel", "order", Long.toString(order)).get(0).path("cancel").asInt()).isEqualTo(1);
    }

    @Test void answering_an_order_without_a_cancel_request_is_refused_and_changes_nothing() {
        var carol = panel.customer("2");
        long order = cli.order(carol, followers, "https://instagram.com/carol", 1000);
        String before = panel.snapshot();

        assertThat(cli.refused("cancel", "accept", Long.toString(order))).isEqualTo("error: order " + order + " has no cancel request");
        assertThat(cli.refused("cancel", "reject", Long.toString(order))).isEqualTo("error: order " + order + " has no cancel request");
        assertThat(cli.refused("cancel", "accept", "999999")).startsWith("error: no order 999999");
        assertThat(panel.snapshot()).isEqualTo(before);
    }

    @Test void a_resolved_refill_shows_its_status_to_the_customer_and_frees_the_order_for_another() {
        var dave = panel.customer("2");
        long order = cli.order(dave, followers, "https://instagram.com/dave", 1000);
        cli.ok("order", "set-status", Long.toString(order), "Completed");
        String refill = panel.call(dave.key(), "action", "refill", "order", Long.toString(order)).path("refill").asText();

        assertThat(cli.ok("refill", "list", "--status", "pending")).containsPattern("(?m)^\\s*" + refill + "\\s+" + order + "\\s+" + dave.id() + "\\s+Pending");

        String out = cli.ok("refill", "resolve", refill, "Completed");

        assertThat(out).contains("Refill " + refill + " of order " + order + " is now Completed");
        assertThat(panel.call(dave.key(), "action", "refill_status", "refill", refill).path("status").asText()).isEqualTo("Completed");
        assertThat(cli.ok("refill", "list", "--status", "Pending")).doesNotContainPattern("(?m)^\\s*" + refill + "\\s");
        assertThat(panel.call(dave.key(), "action", "refill", "order", Long.toString(order)).has("refill")).isTrue();
    }

    @Test void an_in_progress_refill_still_blocks_another_and_bad_refill_input_is_refused() {
        var erin = panel.customer("2");
        long order = cli.order(erin, followers, "https://instagram.com/erin", 1000);
        cli.ok("order", "set-status", Long.toString(order), "Completed");
        String refill = panel.call(erin.key(), "action", "refill", "order", Long.toString(order)).path("refill").asText();

        cli.ok("refill", "resolve", refill, "in_progress");

        assertThat(panel.call(erin.key(), "action", "refill_status", "refill", refill).path("status").asText()).isEqualTo("In progress");
        assertThat(panel.call(erin.key(), "action", "refill", "order", Long.toString(order)).path("error").asText())
                .isEqualTo("Refill already requested");

        cli.ok("refill", "resolve", refill, "Rejected");
        String before = panel.snapshot();
        assertThat(cli.refused("refill", "resolve", refill, "Completed")).isEqualTo("error: refill " + refill + " is already Rejected");
        assertThat(cli.refused("refill", "resolve", "999999", "Completed")).isEqualTo("error: no refill 999999");
        assertThat(cli.refused("refill", "resolve", refill, "Done")).contains("Pending, In progress, Completed, Rejected, Error");
        assertThat(cli.refused("refill", "list", "--status", "Done")).contains("refill status must be one of");
        assertThat(panel.snapshot()).isEqualTo(before);
    }
}
