package org.opensmm.api;

/** Every refusal the panel can give. Its wire text lives in {@link ErrorText} only. */
public sealed interface ApiError {
    enum Fixed implements ApiError {
        INVALID_KEY, INCORRECT_REQUEST, TOO_MANY_IDS, TOO_MANY_REQUESTS, REQUEST_TOO_LARGE, BUSY, INTERNAL,
        INCORRECT_SERVICE_ID, BAD_LINK, NOT_ENOUGH_FUNDS, ACTIVE_ORDER_WITH_LINK, DRIP_FEED_DISABLED,
        INCORRECT_ORDER_ID,
        REFILL_DISABLED, REFILL_NOT_AVAILABLE, REFILL_ALREADY_REQUESTED, REFILL_NOT_FOUND,
        CANCEL_DISABLED, CANCEL_NOT_AVAILABLE
    }
    record BelowMin(long min) implements ApiError {}
    record AboveMax(long max) implements ApiError {}
}
