package org.opensmm.payment;

import org.opensmm.account.Refused;

import java.util.Optional;
import java.util.function.Function;

/** A transfer the customer declares (bank, wallet…): it waits in the deposits queue until staff approve or reject it. */
public final class Manual implements Method {
    public static final String CODE = "manual";

    @Override public String code() { return CODE; }

    @Override public boolean manual() { return true; }

    @Override public boolean configured() { return true; }

    @Override public Optional<String> payOrigin() { return Optional.empty(); }

    /** No gateway: a manual deposit is declared ({@link Deposits#declare}), never started. */
    @Override public Started start(Deposit d, String callbackUrl, String returnUrl) {
        throw new Refused("a manual transfer is declared, not started at a gateway", "payment.method_unavailable");
    }

    /** No one calls back for a manual transfer: staff decide it. */
    @Override public Event webhook(String payload, Function<String, String> header) { throw new Forged("manual deposits have no webhook"); }
}
