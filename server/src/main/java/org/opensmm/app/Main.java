package org.opensmm.app;

import org.opensmm.api.ErrorText;
import org.opensmm.core.Refusal;
import org.opensmm.db.Database;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;

/** {@code opensmm}: the panel and its operator commands, one artifact. */
@Command(name = "opensmm", mixinStandardHelpOptions = true, version = "OpenSMM 0.1.0", scope = ScopeType.INHERIT,
        description = "An SMM panel speaking API v2: serve it, and operate it from the command line.",
        subcommands = {Serve.class, CustomerCommand.class, FundsCommand.class, LedgerCommand.class,
                ServiceCommand.class, OrderCommand.class, RefillCommand.class, CancelCommand.class, ProviderCommand.class,
                BackupCommand.class, RestoreCommand.class,
                AlertsCommand.class,
                StaffCommand.class, AuditCommand.class,
                PaymentCommand.class})
public final class Main implements Runnable {
    private final Config config;

    @Spec CommandSpec spec;

    private Main(Config config) { this.config = config; }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command line against the environment's config; 0 on success, non-zero with a clear message otherwise. */
    public static int run(String... args) {
        return run(null, System.out, System.err, args);
    }

    /**
     * Runs one command line with {@code config} (null: read the environment when a command needs it, so a bad
     * variable does not break {@code --help}), writing to {@code out} and {@code err}: what tests call in-process.
     * Exit codes: 0 done, 1 refused or failed (one {@code error:} line on err), 2 a malformed command line,
     * 3 {@code ledger} found a balance that is not the sum of its entries.
     */
    public static int run(Config config, PrintStream out, PrintStream err, String... args) {
        var cli = new CommandLine(new Main(config));
        PrintWriter outWriter = new PrintWriter(new OutputStreamWriter(out, out.charset()), true);
        PrintWriter errWriter = new PrintWriter(new OutputStreamWriter(err, err.charset()), true);
        cli.setOut(outWriter);
        cli.setErr(errWriter);
        cli.setParameterExceptionHandler((e, given) -> {
            CommandLine cmd = e.getCommandLine();
            cmd.getErr().println("error: " + Visible.text(oneLine(e.getMessage())) + " (see: " + cmd.getCommandSpec().qualifiedName() + " --help)");
            return cmd.getCommandSpec().exitCodeOnInvalidInput();
        });
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("error: " + Visible.text(explain(e)));
            return 1;
        });
        try {
            return cli.execute(args);
        } finally {
            outWriter.flush();
            errWriter.flush();
        }
    }

    /** The config every operator command opens the database with: the same as {@code serve}'s. */
    Config config() { return config != null ? config : Config.fromEnv(); }

    /** One line an operator can act on; never a stack trace. A wire refusal reads well as it is ("Not enough funds on balance"). */
    static String explain(Exception e) {
        String message = switch (e) {
            case Refusal r -> ErrorText.of(r.reason()); // until the CLI has words of its own, API v2's read well
            case Database.Busy b -> b.getMessage();
            case Database.DatabaseException d -> "database: " + d.getMessage();
            case NumberFormatException n -> "not a number: " + n.getMessage();
            default -> e.getMessage() == null || e.getMessage().isBlank() ? e.toString() : e.getMessage();
        };
        return oneLine(message);
    }

    static String oneLine(String message) {
        if (message == null) return "";
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).strip();
    }

    @Override public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
