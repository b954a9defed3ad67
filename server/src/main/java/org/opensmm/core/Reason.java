package org.opensmm.core;

/**
 * Why the domain refuses a request, in the domain's terms. Each front words a reason itself: API v2 in api/ErrorText
 * (PROTOCOL.md's strings), the website for people. A new reason does not compile until every front has words for it.
 */
public sealed interface Reason {
    enum Fixed implements Reason {
        /** A required field is missing or malformed, and no reason below is more specific. */
        INCORRECT_REQUEST,
        INCORRECT_SERVICE_ID, BAD_LINK, NOT_ENOUGH_FUNDS, ACTIVE_ORDER_WITH_LINK, DRIP_FEED_DISABLED,
        INCORRECT_ORDER_ID,
        REFILL_DISABLED, REFILL_NOT_AVAILABLE, REFILL_ALREADY_REQUESTED, REFILL_NOT_FOUND,
        CANCEL_DISABLED, CANCEL_NOT_AVAILABLE
    }

    /** A quantity below the service's minimum. */
    record BelowMin(long min) implements Reason {}

    /** A quantity above the service's maximum. */
    record AboveMax(long max) implements Reason {}
}
