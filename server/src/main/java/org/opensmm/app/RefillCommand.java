package org.opensmm.app;

import org.opensmm.order.Refills.Refill;
import org.opensmm.order.Refills.State;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Refill requests: see them, and set their outcome by hand (what a provider would report). */
@Command(name = "refill", description = "List refill requests and resolve them.",
        subcommands = {RefillCommand.ListRefills.class, RefillCommand.Resolve.class})
final class RefillCommand extends CommandGroup {

    @Command(name = "list", description = "Latest refill requests first.")
    static final class ListRefills extends OperatorCommand {
        @Option(names = "--status", paramLabel = "STATUS", description = "Only refills in this status: Pending, \"In progress\", Completed, Rejected, Error.")
        String statusText;
        @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N refills (default ${DEFAULT-VALUE}).")
        int limit;

        @Override int run() {
            if (limit < 1) throw new IllegalArgumentException("--limit must be at least 1");
            State status = statusText == null ? null : State.parse(statusText);
            var refills = panel.refills.list(status, limit);
            var table = new Table("ID", "ORDER", "CUSTOMER", "STATUS", "STAGE", "REQUESTED", "UPDATED", "PROVIDER REFILL", "PROVIDER ERROR");
            for (Refill r : refills) {
                table.row(r.id(), r.orderId(), r.customerId(), r.status().wire(), r.stage(), time(r.createdAt()), time(r.updatedAt()),
                        r.externalId(), r.providerError());
            }
            if (table.isEmpty()) out.println("No refills match.");
            else table.print(out);
            if (refills.size() == limit) out.println("(the latest " + limit + "; see more with --limit)");
            return 0;
        }
    }

    @Command(name = "resolve", description = "Set a refill's status; a finished one (Completed, Rejected, Error) lets the order take another.")
    static final class Resolve extends OperatorCommand {
        @Parameters(index = "0", paramLabel = "REFILL_ID") long id;
        @Parameters(index = "1", paramLabel = "STATUS", description = "Pending, \"In progress\", Completed, Rejected or Error.") String statusText;

        @Override int run() {
            State status = State.parse(statusText);
            Refill r = panel.refills.resolve(operator, id, status);
            out.println("Refill " + r.id() + " of order " + r.orderId() + " is now " + r.status().wire()
                    + (r.status().finished() ? "; the order may take another refill (after the service's cool-down)." : "."));
            return 0;
        }
    }
}
