package org.opensmm.app;

import org.opensmm.account.ApiKey;
import org.opensmm.account.Customer;
import org.opensmm.catalog.Rate;
import org.opensmm.catalog.Service;
import org.opensmm.ledger.Money;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** Customers: create one and show its key once, list, replace a key, disable, custom rates. */
@Command(name = "customer", description = "Create, list, enable/disable customers; replace API keys; set custom rates.",
        subcommands = {CustomerCommand.Create.class, CustomerCommand.ListCustomers.class, CustomerCommand.Key.class,
                CustomerCommand.Disable.class, CustomerCommand.Enable.class, CustomerCommand.CustomRate.class,
                CustomerCommand.ResetLink.class})
final class CustomerCommand extends CommandGroup {
    private static final String KEY_ONCE = "Shown only now: the panel stores only its hash.";

    @Command(name = "create", description = "Create a customer and print its API key (shown once).")
    static final class Create extends OperatorCommand {
        @Parameters(paramLabel = "NAME", description = "Unique name, 1 to 100 characters.") String name;
        @Option(names = "--balance", paramLabel = "AMOUNT", description = "Opening balance (a deposit in the ledger); default 0.")
        String balance;

        @Override int run() {
            var created = panel.accounts.create(operator, name, balance == null ? Money.ZERO : amount(balance));
            Customer c = created.customer();
            new Table.Fields().add("id", c.id()).add("name", c.name()).add("balance", c.balance())
                    .add("api key", created.key().value()).print(out);
            out.println(KEY_ONCE);
            return 0;
        }
    }

    @Command(name = "list", description = "Every customer: id, name, balance, enabled.")
    static final class ListCustomers extends OperatorCommand {
        @Override int run() {
            var table = new Table("ID", "NAME", "BALANCE", "ENABLED");
            for (Customer c : panel.accounts.list()) table.row(c.id(), c.name(), c.balance(), yesNo(c.enabled()));
            if (table.isEmpty()) out.println("No customers yet. Create one: opensmm customer create NAME --balance AMOUNT");
            else table.print(out);
            return 0;
        }
    }

    @Command(name = "key", description = "Replace a customer's API key; the old key stops working at once.")
    static final class Key extends OperatorCommand {
        @Parameters(paramLabel = "CUSTOMER", description = OperatorCommand.CUSTOMER) String who;

        @Override int run() {
            Customer c = customer(who);
            ApiKey key = panel.accounts.regenerateKey(operator, c.id());
            out.println("New API key for " + describe(c) + ": " + key.value());
            out.println(KEY_ONCE + " The old key no longer works.");
            return 0;
        }
    }

    @Command(name = "reset-link", description = "Print a one-time link the customer sets a website password with (valid one hour).")
    static final class ResetLink extends OperatorCommand {
        @Parameters(paramLabel = "CUSTOMER", description = OperatorCommand.CUSTOMER) String who;

        @Override int run() {
            Customer c = customer(who);
            out.println("Password link for " + describe(c) + " (works once, for one hour; set OPENSMM_PUBLIC_URL for the right address):");
            out.println(panel.links.resetLink(operator, c.id()));
            return 0;
        }
    }

    @Command(name = "disable", description = "Refuse the customer's API key (\"Invalid API key\") until enabled again.")
    static final class Disable extends OperatorCommand {
        @Parameters(paramLabel = "CUSTOMER", description = OperatorCommand.CUSTOMER) String who;

        @Override int run() { return setEnabled(this, who, false); }
    }

    @Command(name = "enable", description = "Accept the customer's API key again.")
    static final class Enable extends OperatorCommand {
        @Parameters(paramLabel = "CUSTOMER", description = OperatorCommand.CUSTOMER) String who;

        @Override int run() { return setEnabled(this, who, true); }
    }

    private static int setEnabled(OperatorCommand cmd, String who, boolean enabled) {
        Customer c = cmd.panel.accounts.setEnabled(cmd.operator, cmd.customer(who).id(), enabled);
        cmd.out.println(OperatorCommand.describe(c) + (enabled ? " enabled: its API key works." : " disabled: its API key is refused."));
        return 0;
    }

    @Command(name = "rate", description = "Set a customer's own rate for one service, or remove it with --clear.")
    static final class CustomRate extends OperatorCommand {
        @Parameters(index = "0", paramLabel = "CUSTOMER", description = OperatorCommand.CUSTOMER) String who;
        @Parameters(index = "1", paramLabel = "SERVICE_ID") long serviceId;
        @Parameters(index = "2", paramLabel = "RATE", arity = "0..1",
                description = "Price per 1000 units (per package for package types), at most 5 decimals.") String rate;
        @Option(names = "--clear", description = "Remove the custom rate: the customer pays the list rate again.") boolean clear;

        @Override int run() {
            if (clear == (rate != null)) throw new ParameterException(spec.commandLine(), "give either RATE or --clear");
            Customer c = customer(who);
            Rate custom = clear ? null : rate(rate);
            Service s = panel.catalog.setCustomRate(operator, c.id(), serviceId, custom);
            if (clear) out.println(describe(c) + " pays the list rate " + s.rate() + " " + per(s) + " for " + describe(s) + " again.");
            else out.println(describe(c) + " now pays " + custom + " " + per(s) + " for " + describe(s) + " (list rate " + s.rate() + ").");
            if (!s.enabled()) out.println("Note: the service is disabled; nobody can order it until: opensmm service enable " + s.id());
            return 0;
        }
    }
}
