package org.opensmm.app;

import org.opensmm.payment.Deposit;
import org.opensmm.payment.MethodSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.math.BigDecimal;

/** Payment methods and the deposits queue from the shell, until the admin pages have them. */
@Command(name = "payment", description = "Configure payment methods; approve or reject deposits waiting for staff.",
        subcommands = {PaymentCommand.Methods.class, PaymentCommand.Set.class, PaymentCommand.Queue.class,
                PaymentCommand.Approve.class, PaymentCommand.Reject.class})
final class PaymentCommand extends CommandGroup {
    @Command(name = "methods", description = "List the payment methods and their settings.")
    static final class Methods extends OperatorCommand {
        @Override int run() {
            for (MethodSettings m : panel.deposits.methods()) {
                out.println(m.code() + "  " + (m.enabled() ? "enabled" : "disabled") + "  " + m.displayName() + "  min " + m.min()
                        + "  max " + m.max() + "  bonus " + m.bonusPercent().toPlainString() + "%  fee " + m.feePercent().toPlainString() + "%");
            }
            return 0;
        }
    }

    @Command(name = "set", description = "Change a method's settings; options not given stay as they are.")
    static final class Set extends OperatorCommand {
        @Parameters(index = "0", paramLabel = "METHOD", description = "manual, stripe or cryptomus") String code;
        @Option(names = "--enabled", arity = "1", paramLabel = "true|false") Boolean enabled;
        @Option(names = "--name", paramLabel = "TEXT") String name;
        @Option(names = "--instructions", paramLabel = "TEXT") String instructions;
        @Option(names = "--min", paramLabel = "AMOUNT") String min;
        @Option(names = "--max", paramLabel = "AMOUNT") String max;
        @Option(names = "--bonus", paramLabel = "PERCENT") BigDecimal bonus;
        @Option(names = "--fee", paramLabel = "PERCENT") BigDecimal fee;

        @Override int run() {
            MethodSettings m = panel.deposits.methods().stream().filter(s -> s.code().equals(code)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no payment method " + code + " (see: opensmm payment methods)"));
            var next = new MethodSettings(code, enabled == null ? m.enabled() : enabled, name == null ? m.displayName() : name,
                    instructions == null ? m.instructions() : instructions, min == null ? m.min() : amount(min),
                    max == null ? m.max() : amount(max), bonus == null ? m.bonusPercent() : bonus, fee == null ? m.feePercent() : fee);
            var after = panel.deposits.configure(operator, next);
            out.println(after.code() + ": " + (after.enabled() ? "enabled" : "disabled") + ", bonus " + after.bonusPercent().toPlainString()
                    + "%, fee " + after.feePercent().toPlainString() + "%");
            return 0;
        }
    }

    @Command(name = "queue", description = "Deposits waiting for a decision: manual transfers and held payments.")
    static final class Queue extends OperatorCommand {
        @Override int run() {
            for (Deposit d : panel.deposits.queue(500)) {
                out.println("#" + d.id() + "  customer #" + d.customerId() + "  " + d.method() + "  " + d.amount() + " " + d.currency()
                        + "  credit " + d.credit() + "  " + d.state() + "  " + d.reference() + "  " + d.note() + "  " + time(d.createdAt()));
            }
            return 0;
        }
    }

    @Command(name = "approve", description = "Credit a deposit once; --amount corrects what was received (needs --reason).")
    static final class Approve extends OperatorCommand {
        @Parameters(index = "0", paramLabel = "DEPOSIT") long id;
        @Option(names = "--amount", paramLabel = "AMOUNT", description = "The amount actually received, before bonus.") String amount;
        @Option(names = "--reason", paramLabel = "TEXT") String reason;

        @Override int run() {
            Deposit d = panel.deposits.approve(operator, id, amount == null ? null : amount(amount), reason);
            out.println("deposit #" + d.id() + ": " + d.state() + ", credited " + d.credit() + " to customer #" + d.customerId());
            return 0;
        }
    }

    @Command(name = "reject", description = "Reject a deposit; nothing is credited.")
    static final class Reject extends OperatorCommand {
        @Parameters(index = "0", paramLabel = "DEPOSIT") long id;
        @Option(names = "--reason", paramLabel = "TEXT", required = true) String reason;

        @Override int run() {
            Deposit d = panel.deposits.reject(operator, id, reason);
            out.println("deposit #" + d.id() + ": " + d.state());
            return 0;
        }
    }

}
