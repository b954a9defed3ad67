package org.opensmm.web;

import org.opensmm.core.Reason;
import org.opensmm.core.Reason.AboveMax;
import org.opensmm.core.Reason.BelowMin;
import org.opensmm.core.Reason.Fixed;

/** A domain refusal in a person's words (the API's own words are in api/ErrorText). */
public final class Words {
    private Words() {}

    public static String of(Messages m, Reason reason) {
        return switch (reason) {
            case BelowMin b -> m.get("refusal.below_min", b.min());
            case AboveMax a -> m.get("refusal.above_max", a.max());
            case Fixed f -> m.get(key(f));
        };
    }

    /** The message key of a fixed reason; pages pass it through a redirect and look it up on the next page. */
    public static String key(Fixed f) {
        return switch (f) {
            case INCORRECT_REQUEST -> "refusal.incorrect_request";
            case INCORRECT_SERVICE_ID -> "refusal.incorrect_service_id";
            case BAD_LINK -> "refusal.bad_link";
            case NOT_ENOUGH_FUNDS -> "refusal.not_enough_funds";
            case ACTIVE_ORDER_WITH_LINK -> "refusal.active_order_with_link";
            case DRIP_FEED_DISABLED -> "refusal.drip_feed_disabled";
            case INCORRECT_ORDER_ID -> "refusal.incorrect_order_id";
            case REFILL_DISABLED -> "refusal.refill_disabled";
            case REFILL_NOT_AVAILABLE -> "refusal.refill_not_available";
            case REFILL_ALREADY_REQUESTED -> "refusal.refill_already_requested";
            case REFILL_NOT_FOUND -> "refusal.refill_not_found";
            case CANCEL_DISABLED -> "refusal.cancel_disabled";
            case CANCEL_NOT_AVAILABLE -> "refusal.cancel_not_available";
        };
    }
}
