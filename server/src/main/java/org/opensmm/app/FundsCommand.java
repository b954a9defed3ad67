package org.opensmm.app;

import org.opensmm.account.Funds;
import org.opensmm.ledger.Money;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Money an operator moves by hand: each move is a ledger entry with the reason given. */
@Command(name = "funds", description = "Deposit to or adjust a customer's balance, with a reason kept in the ledger.",
        subcommands = {FundsCommand.Deposit.class, FundsCommand.Adjust.class})
final class FundsCommand extends CommandGroup {

    abstract static class Move extends OperatorCommand {
        @Parameters(index = "0", paramLabel = "CUSTOMER", description = OperatorCommand.CUSTOMER) String who;
        @Parameters(index = "1", paramLabel = "AMOUNT", description = "Exact decimal, at most 5 decimals.") String amountText;
        @Option(names = "--reason", paramLabel = "TEXT", required = true, description = "Why: kept in the ledger entry.")
        String reason;

        abstract Funds.Moved move(long customer, Money amount);

        @Override int run() {
            Money amount = amount(amountText);
            Funds.Moved m = move(customer(who).id(), amount);
            out.println(describe(m.customer()) + ": " + spec.name() + " " + m.amount() + " (" + m.reason() + "), balance now "
                    + m.customer().balance());
            return 0;
        }
    }

    @Command(name = "deposit", description = "Add money the customer paid: a positive AMOUNT.")
    static final class Deposit extends Move {
        @Override Funds.Moved move(long customer, Money amount) { return panel.funds.deposit(operator, customer, amount, reason); }
    }

    @Command(name = "adjust", description = "Correct a balance either way (AMOUNT may be negative); never below zero.")
    static final class Adjust extends Move {
        @Override Funds.Moved move(long customer, Money amount) { return panel.funds.adjust(operator, customer, amount, reason); }
    }
}
