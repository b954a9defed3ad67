package org.opensmm.app;

import picocli.CommandLine.Command;

/** Placeholder: filled in by the operator CLI work. */
@Command(name = "cancel", description = "Cancel commands (not yet implemented).")
final class CancelCommand implements Runnable {
    @Override public void run() {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
