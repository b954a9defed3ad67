package org.opensmm.fulfil;

/** Hears how each add sent upstream ended, per provider: where dispatch metrics plug in. Quick, never throws. */
@FunctionalInterface
public interface Dispatched {
    Dispatched NONE = (provider, outcome) -> {};

    /** What became of one add. */
    enum Outcome { SENT, RETRY, FAILED, UNREACHABLE, NO_REPLY }

    void outcome(String provider, Outcome outcome);
}
