package org.opensmm.app;

import picocli.CommandLine.Command;

/** Placeholder: filled in by the operator CLI work. */
@Command(name = "order", description = "Order commands (not yet implemented).")
final class OrderCommand implements Runnable {
    @Override public void run() {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
