package org.opensmm.account;

import java.util.Objects;

/**
 * Who asks for a use case: every operator action takes one, so the audit log has one place to write who did what.
 * The fronts build it (the CLI from the OS user, the admin panel from the signed-in staff member, API v2 from the key);
 * a use case passes it along and never asks a front who is calling.
 */
public sealed interface Actor {
    /** An operator at a shell on the panel's machine: {@code opensmm …} as this OS user. */
    record Cli(String osUser) implements Actor {
        public Cli { Objects.requireNonNull(osUser, "osUser"); }
    }

    /** A staff account signed in to the admin panel or calling the Admin API. */
    record Staff(long staffId) implements Actor {}

    /** An API v2 call, made with this customer's key. */
    record Key(long customerId) implements Actor {}

    /** The customer themselves, signed in to the website. */
    record Customer(long customerId) implements Actor {}

    /** The panel acting by itself: a fulfilment worker ("dispatch", "status-sync", …), the janitor, the simulator. */
    record Engine(String worker) implements Actor {
        public Engine { Objects.requireNonNull(worker, "worker"); }
    }

    /** One line for a log or an audit row: {@code cli:alice}, {@code staff:3}, {@code key:7}, {@code customer:7}, {@code engine:dispatch}. */
    default String describe() {
        return switch (this) {
            case Cli c -> "cli:" + c.osUser();
            case Staff s -> "staff:" + s.staffId();
            case Key k -> "key:" + k.customerId();
            case Customer c -> "customer:" + c.customerId();
            case Engine e -> "engine:" + e.worker();
        };
    }
}
