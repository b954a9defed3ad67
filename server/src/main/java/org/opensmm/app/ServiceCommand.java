package org.opensmm.app;

import org.opensmm.catalog.Service;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.stream.Collectors;

/** The catalogue: what customers can order, at which list rate, with which refill and cancel terms. */
@Command(name = "service", description = "Add, edit, enable/disable, list and show services.",
        subcommands = {ServiceCommand.Add.class, ServiceCommand.Edit.class, ServiceCommand.Disable.class,
                ServiceCommand.Enable.class, ServiceCommand.ListServices.class, ServiceCommand.Show.class})
final class ServiceCommand extends CommandGroup {

    @Command(name = "add", description = "Add a service; --name, --type, --category, --rate, --min and --max are required.")
    static final class Add extends OperatorCommand {
        @Mixin ServiceOptions options;

        @Override int run() {
            var missing = options.missingForAdd();
            if (!missing.isEmpty()) throw new ParameterException(spec.commandLine(), "Missing required options: " + String.join(", ", missing));
            Service added = panel.catalog.add(operator, options.applyTo(null));
            out.println("Added " + describe(added) + ":");
            show(this, added);
            return 0;
        }
    }

    @Command(name = "edit", description = "Change a service: only the options given change. Booleans: --refill=true/false.")
    static final class Edit extends OperatorCommand {
        @Parameters(paramLabel = "SERVICE_ID") long id;
        @Mixin ServiceOptions options;

        @Override int run() {
            Service after = panel.catalog.edit(operator, id, before -> {
                // checked once the service is found: an unknown id is what to report first
                if (options.none()) throw new ParameterException(spec.commandLine(), "give at least one option to change");
                return options.applyTo(before);
            });
            out.println("Updated " + describe(after) + ":");
            show(this, after);
            out.println("Orders already placed keep the rate they were charged at.");
            return 0;
        }
    }

    @Command(name = "disable", description = "Stop selling a service: it leaves `services` and `add` refuses it. Orders go on.")
    static final class Disable extends OperatorCommand {
        @Parameters(paramLabel = "SERVICE_ID") long id;

        @Override int run() { return setEnabled(this, id, false); }
    }

    @Command(name = "enable", description = "Sell a disabled service again.")
    static final class Enable extends OperatorCommand {
        @Parameters(paramLabel = "SERVICE_ID") long id;

        @Override int run() { return setEnabled(this, id, true); }
    }

    private static int setEnabled(OperatorCommand cmd, long id, boolean enabled) {
        Service s = cmd.panel.catalog.setEnabled(cmd.operator, id, enabled);
        cmd.out.println(OperatorCommand.describe(s) + (enabled ? " enabled: customers can order it." : " disabled: customers no longer see or order it."));
        return 0;
    }

    @Command(name = "list", description = "Every service, disabled ones too, at list rates.")
    static final class ListServices extends OperatorCommand {
        @Override int run() {
            var table = new Table("ID", "NAME", "TYPE", "CATEGORY", "RATE", "PER", "MIN", "MAX", "REFILL", "CANCEL", "DRIP-FEED", "ENABLED");
            for (Service s : panel.catalog.all()) {
                table.row(s.id(), s.name(), s.type().wire(), s.category(), s.rate(), s.type().perPackage() ? "package" : "1000",
                        s.min(), s.max(), s.refill() ? s.refillDays() + " days" : "no", yesNo(s.cancel()), yesNo(s.dripFeed()),
                        yesNo(s.enabled()));
            }
            if (table.isEmpty()) out.println("No services yet. Add one: opensmm service add --help");
            else table.print(out);
            return 0;
        }
    }

    @Command(name = "show", description = "Every field of one service.")
    static final class Show extends OperatorCommand {
        @Parameters(paramLabel = "SERVICE_ID") long id;

        @Override int run() {
            show(this, service(id));
            return 0;
        }
    }

    private static void show(OperatorCommand cmd, Service s) {
        var delays = new ArrayList<>(s.delays());
        delays.sort(null);
        new Table.Fields()
                .add("id", s.id())
                .add("name", s.name())
                .add("type", s.type().wire())
                .add("category", s.category())
                .add("rate", s.rate() + " " + OperatorCommand.per(s))
                .add("min", s.min())
                .add("max", s.max())
                .add("refill", s.refill() ? "yes, within " + s.refillDays() + " days of completion" : "no")
                .add("refill cool-down", s.refillCooldownMinutes() + " minutes")
                .add("cancel", OperatorCommand.yesNo(s.cancel()))
                .add("drip-feed", OperatorCommand.yesNo(s.dripFeed()))
                .add("delays", delays.isEmpty() ? "all (subscriptions)"
                        : delays.stream().map(String::valueOf).collect(Collectors.joining(",")) + " minutes")
                .add("enabled", OperatorCommand.yesNo(s.enabled()))
                .add("description", s.description())
                .print(cmd.out);
    }
}
