package org.opensmm.api;

import org.opensmm.core.Reason;
import org.opensmm.core.Reason.AboveMax;
import org.opensmm.core.Reason.BelowMin;
import org.opensmm.core.Reason.Fixed;

/** The only home of wire error strings (PROTOCOL.md). A reason or error without a text does not compile. */
public final class ErrorText {
    private ErrorText() {}

    /** What the domain refuses, in PROTOCOL.md's words. */
    public static String of(Reason reason) {
        return switch (reason) {
            case Fixed f -> switch (f) {
                case INCORRECT_REQUEST -> "Incorrect request";
                case INCORRECT_SERVICE_ID -> "Incorrect service ID";
                case BAD_LINK -> "Bad link";
                case NOT_ENOUGH_FUNDS -> "Not enough funds on balance";
                case ACTIVE_ORDER_WITH_LINK -> "You have active order with this link. Please wait until order being completed.";
                case DRIP_FEED_DISABLED -> "Drip-feed is disabled for this service";
                case INCORRECT_ORDER_ID -> "Incorrect order ID";
                case REFILL_DISABLED -> "Refill is disabled for this service";
                case REFILL_NOT_AVAILABLE -> "Refill is not available for this order";
                case REFILL_ALREADY_REQUESTED -> "Refill already requested";
                case REFILL_NOT_FOUND -> "Refill not found";
                case CANCEL_DISABLED -> "Cancel is disabled for this service";
                case CANCEL_NOT_AVAILABLE -> "Cancel is not available for this order";
            };
            case BelowMin b -> "Quantity less than minimal " + b.min();
            case AboveMax a -> "Quantity more than maximum " + a.max();
        };
    }

    /** What only the API refuses. */
    public static String of(ApiError error) {
        return switch (error) {
            case INVALID_KEY -> "Invalid API key";
            case TOO_MANY_IDS -> "Too many IDs";
            case TOO_MANY_REQUESTS -> "Too many requests";
            case REQUEST_TOO_LARGE -> "Request too large";
            case BUSY -> "Server is busy, try again later";
            case INTERNAL -> "Internal error, try again later";
        };
    }
}
