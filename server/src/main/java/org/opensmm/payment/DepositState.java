package org.opensmm.payment;

import java.util.EnumSet;
import java.util.Set;

/** Where a deposit is. PENDING waits (for staff, or for the gateway's callback); the others are final but HELD. */
public enum DepositState {
    PENDING, CREDITED, REJECTED, CANCELLED,
    /** Paid, but the customer is disabled: kept for staff to approve or reject, never lost. */
    HELD;

    private static final Set<DepositState> OPEN = EnumSet.of(PENDING, HELD);

    /** Staff may still decide it (approve or reject); a gateway callback may still credit it. */
    public boolean open() { return OPEN.contains(this); }
}
