package org.opensmm.app;

import org.opensmm.account.Customer;
import org.opensmm.core.Refusal;
import org.opensmm.ledger.Money;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Money an operator moves by hand: each move is a ledger entry with the reason given. */
@Command(name = "funds", description = "Deposit to or adjust a customer's balance, with a reason kept in the ledger.",
        subcommands = {FundsCommand.Deposit.class, FundsCommand.Adjust.class})
final class FundsCommand extends CommandGroup {
    private static final int MAX_REASON = 500; // ledger_entry.reason

    abstract static class Move extends OperatorCommand {
        @Parameters(index = "0", paramLabel = "CUSTOMER", description = OperatorCommand.CUSTOMER) String who;
        @Parameters(index = "1", paramLabel = "AMOUNT", description = "Exact decimal, at most 5 decimals.") String amountText;
        @Option(names = "--reason", paramLabel = "TEXT", required = true, description = "Why: kept in the ledger entry.")
        String reason;

        abstract void move(Customer c, Money amount, String why);

        @Override int run() {
            Money amount = amount(amountText);
            String why = reason.strip();
            if (why.isEmpty() || why.length() > MAX_REASON) throw new IllegalArgumentException("a reason is 1 to " + MAX_REASON + " characters");
            Customer c = customer(who);
            move(c, amount, why);
            out.println(describe(c) + ": " + spec.name() + " " + amount + " (" + why + "), balance now " + panel.accounts.balance(c.id()));
            return 0;
        }
    }

    @Command(name = "deposit", description = "Add money the customer paid: a positive AMOUNT.")
    static final class Deposit extends Move {
        @Override void move(Customer c, Money amount, String why) {
            if (amount.isNegative() || amount.isZero()) throw new IllegalArgumentException("a deposit must be positive; to take money back use: opensmm funds adjust");
            panel.db.inTransaction(tx -> {
                panel.ledger.deposit(tx, c.id(), amount, why);
                return null;
            });
        }
    }

    @Command(name = "adjust", description = "Correct a balance either way (AMOUNT may be negative); never below zero.")
    static final class Adjust extends Move {
        @Override void move(Customer c, Money amount, String why) {
            if (amount.isZero()) throw new IllegalArgumentException("an adjustment cannot be zero");
            try {
                panel.db.inTransaction(tx -> {
                    panel.ledger.adjust(tx, c.id(), amount, why);
                    return null;
                });
            } catch (Refusal notEnough) { // the guarded debit: re-read, the panel may have moved the balance meanwhile
                throw new IllegalArgumentException("an adjustment of " + amount + " would take " + describe(c) + " below zero (balance "
                        + panel.accounts.balance(c.id()) + "); nothing changed");
            }
        }
    }
}
