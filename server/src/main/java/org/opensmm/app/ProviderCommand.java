package org.opensmm.app;

import picocli.CommandLine.Command;

/** Placeholder: filled in by the operator CLI work. */
@Command(name = "provider", description = "Provider commands (not yet implemented).")
final class ProviderCommand implements Runnable {
    @Override public void run() {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
