package org.opensmm.payment;

/** A transfer the customer declares (bank, wallet…): it waits in the deposits queue until staff approve or reject it. */
public final class Manual implements Method {
    public static final String CODE = "manual";

    @Override public String code() { return CODE; }

    @Override public boolean manual() { return true; }
}
