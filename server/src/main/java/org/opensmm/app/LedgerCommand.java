package org.opensmm.app;

import org.opensmm.account.Customer;
import org.opensmm.ledger.Ledger.Entry;
import org.opensmm.ledger.Money;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.Collections;

/** A customer's ledger, oldest of the shown entries first, and the check that the balance is the sum of all entries. */
@Command(name = "ledger", description = "List a customer's ledger entries and check the balance against their sum. "
        + "Exit code 3 if they differ.")
final class LedgerCommand extends OperatorCommand {
    static final int MISMATCH = 3;
    private static final int READS = 5;

    @Parameters(paramLabel = "CUSTOMER", description = OperatorCommand.CUSTOMER) String who;
    @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "Show the latest N entries (default ${DEFAULT-VALUE}).")
    int limit;

    @Override int run() {
        if (limit < 1) throw new IllegalArgumentException("--limit must be at least 1");
        Customer c = customer(who);
        var entries = new ArrayList<>(panel.db.read(tx -> panel.ledger.entries(tx, c.id(), limit)));
        Collections.reverse(entries); // read newest first to take the latest N; a statement reads oldest first
        var table = new Table("ID", "TIME", "KIND", "AMOUNT", "ORDER", "REASON");
        for (Entry e : entries) table.row(e.id(), time(e.createdAt()), e.kind(), e.amount(), e.orderId(), e.reason());
        out.println(describe(c) + (c.enabled() ? "" : " (disabled)"));
        if (table.isEmpty()) out.println("No ledger entries.");
        else table.print(out);
        if (entries.size() == limit) out.println("(the latest " + limit + " entries; see more with --limit)");

        Check check = balanceAndSum(c.id());
        if (check.balance().equals(check.sum())) {
            out.println("balance " + check.balance() + " = sum of all entries: consistent");
            return 0;
        }
        out.println("balance " + check.balance() + " != sum of all entries " + check.sum() + ": INCONSISTENT (differs by "
                + check.balance().minus(check.sum()) + ")");
        return MISMATCH;
    }

    /**
     * The balance and the sum of entries at one moment. The panel may be charging meanwhile, and each move changes both
     * in one commit, so a balance that reads the same before and after the sum was not moved in between.
     */
    private record Check(Money balance, Money sum) {}

    private Check balanceAndSum(long customer) {
        Money before = panel.accounts.balance(customer);
        for (int i = 0; ; i++) {
            Money sum = panel.db.read(tx -> panel.ledger.sum(tx, customer));
            Money after = panel.accounts.balance(customer);
            if (after.equals(before) || i == READS) return new Check(after, sum);
            before = after;
        }
    }
}
