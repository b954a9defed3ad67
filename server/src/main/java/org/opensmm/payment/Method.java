package org.opensmm.payment;

/**
 * A payment method plug-in: one class per way of paying ({@link Manual}, {@link StripeCheckout}), its operator settings
 * in one row of {@code payment_method} ({@link MethodSettings}), keyed by {@link #code}.
 */
public interface Method {
    /** The key of its settings row and of its deposits: {@code manual}, {@code stripe}. */
    String code();

    /** True when staff confirm each deposit by hand; false when a gateway's signed callback does. */
    boolean manual();
}
