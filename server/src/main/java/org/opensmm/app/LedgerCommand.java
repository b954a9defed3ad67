package org.opensmm.app;

import picocli.CommandLine.Command;

/** Placeholder: filled in by the operator CLI work. */
@Command(name = "ledger", description = "Ledger commands (not yet implemented).")
final class LedgerCommand implements Runnable {
    @Override public void run() {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
