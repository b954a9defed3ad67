package org.opensmm.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code opensmm}: the panel and its operator commands, one artifact. */
@Command(name = "opensmm", mixinStandardHelpOptions = true, version = "OpenSMM 0.1.0",
        description = "An SMM panel speaking API v2: serve it, and operate it from the command line.",
        subcommands = {Serve.class, CustomerCommand.class, FundsCommand.class, LedgerCommand.class,
                ServiceCommand.class, OrderCommand.class, RefillCommand.class, CancelCommand.class, ProviderCommand.class})
public final class Main implements Runnable {
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command line; the exit code is 0 on success, non-zero with a clear message otherwise. */
    public static int run(String... args) {
        var cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        });
        return cli.execute(args);
    }

    @Override public void run() {
        new CommandLine(this).usage(System.out);
    }
}
