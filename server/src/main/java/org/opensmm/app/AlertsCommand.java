package org.opensmm.app;

import org.opensmm.alert.Alert;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

/** The operator's alerts: those open now, or with --all the latest ones whether open or cleared. */
@Command(name = "alerts", description = "List open alerts (provider balances, stuck and failed orders, provider error rates). "
        + "Exit code 4 when any is open.")
final class AlertsCommand extends OperatorCommand {
    static final int OPEN = 4;

    @Option(names = "--all", description = "Also the cleared ones, newest first.") boolean all;
    @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "With --all: the latest N (default ${DEFAULT-VALUE}).")
    int limit;

    @Override int run() {
        if (limit < 1) throw new IllegalArgumentException("--limit must be at least 1");
        List<Alert> shown = all ? panel.alerts.recent(limit) : panel.alerts.open();
        var table = new Table("ID", "OPENED", "CLEARED", "MAILED", "POSTED", "ALERT", "TEXT");
        for (Alert a : shown) {
            table.row(a.id(), time(a.openedAt()), a.clearedAt() == null ? null : time(a.clearedAt()),
                    a.mailedAt() == null ? null : time(a.mailedAt()), a.postedAt() == null ? null : time(a.postedAt()), a.key(), a.text());
        }
        if (table.isEmpty()) out.println(all ? "No alerts yet." : "No open alerts.");
        else table.print(out);
        return shown.stream().anyMatch(Alert::open) ? OPEN : 0;
    }
}
