package org.opensmm.app;

import org.opensmm.account.Actor;
import org.opensmm.account.Customer;
import org.opensmm.catalog.Rate;
import org.opensmm.catalog.Service;
import org.opensmm.ledger.Money;
import org.opensmm.order.Order;
import org.opensmm.order.Status;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * One operator command: opens the panel's database from the same config as {@code serve}, runs, closes it.
 * Lookups and parsing here turn what an operator typed into domain values, or refuse with a line that says what to type.
 */
abstract class OperatorCommand implements Callable<Integer> {
    /** A command runs a few statements one after another; two connections leave the running panel its own pool. */
    private static final int POOL = 2;

    /** How a CUSTOMER argument is written, for every command's help. */
    static final String CUSTOMER = "A name, or '#' and the id: '#5' (quoted: a shell reads # as a comment).";

    @Spec CommandSpec spec;
    Panel panel;
    PrintWriter out;
    /** Who runs the command, for every use case it calls: the OS user at the shell. */
    final Actor operator = new Actor.Cli(System.getProperty("user.name", "unknown"));

    /** The command's work; a non-zero result is an exit code for a finding that is not an error (e.g. a ledger mismatch). */
    abstract int run();

    @Override public final Integer call() {
        Config config = ((Main) spec.root().userObject()).config().withPoolSize(POOL);
        out = Visible.printer(spec.commandLine().getOut());
        try (Panel opened = Panel.open(config)) {
            panel = opened;
            return run();
        } finally {
            out.flush();
        }
    }

    /**
     * A customer as operators address them: {@code #5} is the id 5, anything else is a name. A bare 5 is the name "5",
     * which no customer can have, so a name is never mistaken for an id nor an id for a name.
     */
    Customer customer(String who) {
        String text = who.strip();
        if (text.startsWith("#")) {
            String id = text.substring(1);
            if (!id.matches("\\d{1,18}")) throw new IllegalArgumentException("bad customer id '" + text + "': '#' and digits, like '#5'");
            return panel.accounts.find(Long.parseLong(id)).orElseThrow(() ->
                    new IllegalArgumentException("no customer with id " + id + " (see: opensmm customer list)"));
        }
        return panel.accounts.findByName(text).orElseThrow(() -> new IllegalArgumentException(text.matches("\\d+")
                ? "no customer named " + text + "; use '#" + text + "' for the id"
                : "no customer named '" + text + "' (see: opensmm customer list)"));
    }

    /** A service at its list price, enabled or not. */
    Service service(long id) {
        return panel.catalog.find(id).orElseThrow(() -> new IllegalArgumentException("no service " + id + " (see: opensmm service list)"));
    }

    Order order(long id) {
        return panel.orders.find(id).orElseThrow(() -> new IllegalArgumentException("no order " + id + " (see: opensmm order list)"));
    }

    static Money amount(String text) {
        try {
            return Money.parse(text);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("bad amount '" + text + "': give a plain decimal with at most 5 decimals, like 10 or 0.25");
        }
    }

    static Rate rate(String text) {
        try {
            return Rate.parse(text);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("bad rate '" + text + "': give a plain decimal with at most 5 decimals, like 0.90");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad rate '" + text + "': " + e.getMessage());
        }
    }

    static Status status(String text) {
        return Status.parse(text).orElseThrow(() -> new IllegalArgumentException("unknown order status '" + text + "'; valid: "
                + Arrays.stream(Status.values()).map(Status::wire).collect(Collectors.joining(", "))));
    }

    static String describe(Customer c) { return "customer " + c.id() + " '" + c.name() + "'"; }

    static String describe(Service s) { return "service " + s.id() + " '" + s.name() + "'"; }

    /** What a rate is per: 1000 units, or one package for package types. */
    static String per(Service s) { return s.type().perPackage() ? "per package" : "per 1000"; }

    /** ISO-8601 UTC to the second: sorts as text and reads the same on every operator's machine. */
    static String time(Long epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    static String yesNo(boolean b) { return b ? "yes" : "no"; }
}
