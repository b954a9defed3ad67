package org.opensmm.app;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensmm.catalog.ServiceType;
import org.opensmm.ledger.Ledger;
import org.opensmm.testing.TestPanel;

import static org.assertj.core.api.Assertions.assertThat;

/** A finished order stays as it is whatever the operator types: no other status, no resend, no second refund. */
class FinalOrderCommandTest {
    static TestPanel panel;
    static Cli cli;
    static long followers;

    @BeforeAll static void start() {
        panel = TestPanel.start();
        cli = new Cli(panel);
        followers = panel.service(ServiceType.DEFAULT, "0.90", 50, 10_000); // 1000 units cost 0.90
    }

    @AfterAll static void stop() { panel.close(); }

    @Test void a_canceled_order_cannot_be_set_to_another_status_resent_or_refunded_again() {
        var ann = panel.customer("10");
        long order = cli.order(ann, followers, "https://instagram.com/ann", 1000);
        cli.ok("order", "set-status", Long.toString(order), "Canceled");
        assertThat(cli.balance(ann)).isEqualTo("10");
        String before = panel.snapshot();

        for (String other : new String[] {"Pending", "In progress", "Completed", "Partial"}) {
            assertThat(cli.refused("order", "set-status", Long.toString(order), other)).isEqualTo("error: order " + order + " is already Canceled");
        }
        assertThat(cli.refused("provider", "resend", Long.toString(order))).contains("is not in Fail");
        assertThat(cli.refused("provider", "fail-refund", Long.toString(order))).contains("is not in Fail");
        assertThat(cli.ok("order", "set-status", Long.toString(order), "Canceled")).contains("nothing refunded again");

        assertThat(panel.snapshot()).isEqualTo(before);
        assertThat(cli.balance(ann)).isEqualTo("10");
        assertThat(panel.panel.db.read(tx -> panel.panel.ledger.entries(tx, ann.id(), 100)).stream()
                .filter(e -> e.kind() == Ledger.Kind.REFUND).count()).isEqualTo(1);
    }

    @Test void a_completed_order_cannot_be_canceled_for_a_refund() {
        var bob = panel.customer("10");
        long order = cli.order(bob, followers, "https://instagram.com/bob", 1000);
        cli.ok("order", "set-status", Long.toString(order), "Completed");

        assertThat(cli.refused("order", "set-status", Long.toString(order), "Canceled")).isEqualTo("error: order " + order + " is already Completed");
        assertThat(cli.balance(bob)).isEqualTo("9.1");
    }
}
