package org.opensmm.app;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensmm.ledger.Ledger;
import org.opensmm.ledger.Money;
import org.opensmm.testing.TestPanel;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code opensmm funds …} and {@code opensmm ledger}: every move is one entry, and the balance is their sum. */
class FundsCommandTest {
    static TestPanel panel;
    static Cli cli;

    @BeforeAll static void start() {
        panel = TestPanel.start();
        cli = new Cli(panel);
    }

    @AfterAll static void stop() { panel.close(); }

    @Test void a_deposit_raises_the_balance_by_exactly_the_amount_with_its_reason_in_the_ledger() {
        var alice = panel.customer("1");

        String out = cli.ok("funds", "deposit", "#" + alice.id(), "10.12345", "--reason", "paypal 8F2K");

        assertThat(out).contains("deposit 10.12345").contains("balance now 11.12345");
        assertThat(cli.balance(alice)).isEqualTo("11.12345");
        Ledger.Entry last = entries(alice).getFirst();
        assertThat(last.kind()).isEqualTo(Ledger.Kind.DEPOSIT);
        assertThat(last.amount()).isEqualTo(Money.parse("10.12345"));
        assertThat(last.reason()).isEqualTo("paypal 8F2K");
        assertThat(panel.ledgerSum(alice)).isEqualTo(panel.balance(alice));
    }

    @Test void a_negative_adjustment_lowers_the_balance_and_is_an_adjustment_entry() {
        var bob = panel.customer("5");
        String name = panel.panel.accounts.find(bob.id()).orElseThrow().name();

        cli.ok("funds", "adjust", name, "-1.5", "--reason", "chargeback");

        assertThat(cli.balance(bob)).isEqualTo("3.5");
        assertThat(entries(bob).getFirst()).extracting(Ledger.Entry::kind, Ledger.Entry::amount, Ledger.Entry::reason)
                .containsExactly(Ledger.Kind.ADJUSTMENT, Money.parse("-1.5"), "chargeback");
    }

    @Test void an_adjustment_below_zero_is_refused_and_changes_nothing() {
        var carol = panel.customer("2");
        String before = panel.snapshot();

        String error = cli.refused("funds", "adjust", "#" + carol.id(), "-2.00001", "--reason", "oops");

        assertThat(error).contains("would take").contains("below zero (balance 2)").contains("nothing changed");
        assertThat(panel.snapshot()).isEqualTo(before);
    }

    @Test void the_whole_balance_can_be_adjusted_away_to_exactly_zero() {
        var dave = panel.customer("2");

        cli.ok("funds", "adjust", "#" + dave.id(), "-2", "--reason", "refund to card");

        assertThat(cli.balance(dave)).isEqualTo("0");
    }

    @Test void a_move_without_a_reason_or_with_a_bad_amount_is_refused_and_changes_nothing() {
        var erin = panel.customer("3");
        String id = "#" + erin.id();
        String before = panel.snapshot();

        assertThat(cli.refused(2, "funds", "deposit", id, "5")).contains("Missing required option: '--reason=TEXT'");
        assertThat(cli.refused("funds", "deposit", id, "5", "--reason", "  ")).contains("a reason is 1 to 500 characters");
        assertThat(cli.refused("funds", "deposit", id, "1.000001", "--reason", "x")).contains("bad amount '1.000001'");
        assertThat(cli.refused("funds", "deposit", id, "ten", "--reason", "x")).contains("bad amount 'ten'");
        assertThat(cli.refused("funds", "deposit", id, "0", "--reason", "x")).contains("a deposit must be positive");
        assertThat(cli.refused("funds", "deposit", id, "-5", "--reason", "x")).contains("a deposit must be positive");
        assertThat(cli.refused("funds", "adjust", id, "0", "--reason", "x")).contains("cannot be zero");
        assertThat(cli.refused("funds", "deposit", "nobody", "5", "--reason", "x")).startsWith("error: no customer named 'nobody'");
        assertThat(panel.snapshot()).isEqualTo(before);
    }

    @Test void the_ledger_lists_entries_oldest_first_and_confirms_the_balance_is_their_sum() {
        var frank = panel.customer("4");
        cli.ok("funds", "deposit", "#" + frank.id(), "6", "--reason", "bank transfer");
        cli.ok("funds", "adjust", "#" + frank.id(), "-0.5", "--reason", "fee");

        String out = cli.ok("ledger", "#" + frank.id());

        assertThat(out).containsPattern("ID\\s+TIME\\s+KIND\\s+AMOUNT\\s+ORDER\\s+REASON");
        assertThat(out).containsPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\s+DEPOSIT\\s+4\\s+-\\s+opening balance");
        assertThat(out.indexOf("bank transfer")).isLessThan(out.indexOf("fee"));
        assertThat(out).contains("ADJUSTMENT").contains("-0.5").contains("balance 9.5 = sum of all entries: consistent");
    }

    @Test void the_ledger_limit_shows_the_latest_entries() {
        var gina = panel.customer("1");
        cli.ok("funds", "deposit", "#" + gina.id(), "1", "--reason", "second");
        cli.ok("funds", "deposit", "#" + gina.id(), "1", "--reason", "third");

        String out = cli.ok("ledger", "#" + gina.id(), "--limit", "2");

        assertThat(out).doesNotContain("opening balance").contains("second", "third", "see more with --limit", "consistent");
    }

    @Test void a_balance_that_differs_from_its_entries_is_reported_with_exit_code_3() {
        var hank = panel.customer("1");
        panel.panel.db.inTransaction(tx -> tx.update("UPDATE customer SET balance = balance + 1000000 WHERE id = ?", hank.id()));

        Cli.Run run = cli.run("ledger", "#" + hank.id());

        assertThat(run.exit()).isEqualTo(LedgerCommand.MISMATCH);
        assertThat(run.out()).contains("balance 2 != sum of all entries 1: INCONSISTENT (differs by 1)");
    }

    private static List<Ledger.Entry> entries(TestPanel.Customer c) {
        return panel.panel.db.read(tx -> panel.panel.ledger.entries(tx, c.id(), 100));
    }
}
