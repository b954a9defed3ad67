package org.opensmm.app;

import org.opensmm.account.Audit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The audit log, newest first. */
@Command(name = "audit", description = "The audit log of operator actions (CLI, Admin API, admin pages), newest first.")
final class AuditCommand extends OperatorCommand {
    @Option(names = "--actor", paramLabel = "WHO", description = "Only this actor, as shown: cli:alice, staff:3 …") String actor;
    @Option(names = "--object", paramLabel = "TYPE[:ID]", description = "Only this object type, or one object: order, order:17 …") String object;
    @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N rows (50).") int limit;

    @Override int run() {
        if (limit < 1 || limit > 10_000) throw new IllegalArgumentException("--limit is 1 to 10000");
        var table = new Table("ID", "WHEN", "ACTOR", "ACTION", "OBJECT", "BEFORE", "AFTER");
        for (Audit.Entry e : Audit.list(panel.db, actor, object, limit)) {
            table.row(e.id(), time(e.at()), e.actor(), e.action(), e.objectType() + ":" + e.objectId(),
                    e.before() == null ? "-" : e.before(), e.after() == null ? "-" : e.after());
        }
        if (table.isEmpty()) out.println("No audit rows match.");
        else table.print(out);
        return 0;
    }
}
