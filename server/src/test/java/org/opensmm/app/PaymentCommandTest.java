package org.opensmm.app;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensmm.account.Actor;
import org.opensmm.account.Refused;
import org.opensmm.ledger.Money;
import org.opensmm.testing.TestPanel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code opensmm payment …}: methods configured, the deposits queue decided from the shell, credited once. */
class PaymentCommandTest {
    static TestPanel panel;
    static Cli cli;

    @BeforeAll static void start() {
        panel = TestPanel.start();
        cli = new Cli(panel);
    }

    @AfterAll static void stop() { panel.close(); }

    @Test void an_operator_enables_manual_transfers_and_approves_one_once() {
        assertThat(cli.ok("payment", "set", "manual", "--enabled", "true", "--bonus", "10", "--min", "5")).contains("manual: enabled, bonus 10%");
        assertThat(cli.ok("payment", "methods")).contains("manual  enabled").contains("stripe  disabled");
        var alice = panel.customer("0");
        var d = panel.panel.deposits.declare(new Actor.Customer(alice.id()), "manual", Money.parse("20"), "WIRE-7", "");
        assertThatThrownBy(() -> panel.panel.deposits.approve(new Actor.Customer(alice.id()), d.id(), null, ""))
                .as("a customer cannot approve their own deposit").isInstanceOf(Refused.class);
        assertThat(cli.ok("payment", "queue")).contains("#" + d.id()).contains("WIRE-7");
        // a refusal prints its English sentence, never its message key
        assertThat(cli.refused("payment", "approve", Long.toString(d.id()), "--amount", "15"))
                .isEqualTo("error: a corrected amount needs a reason: say what was received");
        assertThat(cli.refused("payment", "approve", Long.toString(d.id()), "--amount", "0", "--reason", "nothing came"))
                .isEqualTo("error: a corrected amount must be positive");
        assertThat(cli.ok("payment", "approve", Long.toString(d.id()), "--amount", "15", "--reason", "15 arrived"))
                .contains("CREDITED, credited 16.5");
        assertThat(cli.refused("payment", "approve", Long.toString(d.id())))
                .isEqualTo("error: deposit #" + d.id() + " is no longer waiting for a decision: it is CREDITED");
        assertThat(cli.refused("payment", "approve", "999999999")).isEqualTo("error: there is no deposit #999999999");
        assertThat(panel.balance(alice)).isEqualTo(panel.ledgerSum(alice));
        assertThat(cli.balance(alice)).isEqualTo("16.5");
        var r = panel.panel.deposits.declare(new Actor.Customer(alice.id()), "manual", Money.parse("30"), "WIRE-8", "");
        assertThat(cli.refused("payment", "reject", Long.toString(r.id()), "--reason", " "))
                .isEqualTo("error: a rejection needs a reason of 1 to 500 characters");
        assertThat(cli.ok("payment", "reject", Long.toString(r.id()), "--reason", "not received")).contains("REJECTED");
        assertThat(cli.refused("payment", "reject", Long.toString(r.id()), "--reason", "again"))
                .isEqualTo("error: deposit #" + r.id() + " is no longer waiting for a decision: it is REJECTED");
        assertThat(cli.balance(alice)).isEqualTo("16.5");
    }
}
