package org.opensmm.app;

import picocli.CommandLine.Command;

/** Placeholder: filled in by the operator CLI work. */
@Command(name = "funds", description = "Funds commands (not yet implemented).")
final class FundsCommand implements Runnable {
    @Override public void run() {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
