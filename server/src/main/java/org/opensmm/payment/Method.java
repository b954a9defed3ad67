package org.opensmm.payment;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A payment method plug-in: one class per way of paying ({@link Manual}, {@link StripeCheckout}, {@link Cryptomus}),
 * its operator settings in one row of {@code payment_method} ({@link MethodSettings}), keyed by {@link #code}. A plug-in
 * only speaks its gateway's protocol; the money rules (exactly once, amount and currency matched, held, bonus and fee)
 * are {@link Deposits}'s, the same for every method.
 */
public interface Method {
    /** The key of its settings row, of its deposits and of its webhook path {@code /payments/{code}/webhook}. */
    String code();

    /** True when staff confirm each deposit by hand; false when a gateway's signed callback does. */
    boolean manual();

    /** Its gateway credentials are set (a manual method needs none): only then is it offered to customers. */
    boolean configured();

    /** The origin of the gateway's payment page, which a form on /addfunds may lead to (CSP form-action). */
    Optional<String> payOrigin();

    /**
     * Asks the gateway for a payment of deposit {@code d} (its amount and currency, what the server decided); outside
     * any transaction. {@code callbackUrl} is our webhook, {@code returnUrl} the page the customer comes back to.
     */
    Started start(Deposit d, String callbackUrl, String returnUrl);

    /**
     * A webhook, verified the gateway's way: a payment ({@link Paid}), a payment that is over unpaid ({@link Ended}), or
     * null for an event that says neither. Throws {@link Forged} when it does not verify, {@link GatewayFailure} when a
     * check with the gateway could not be made.
     */
    Event webhook(String payload, Function<String, String> header);

    /** The names of its gateway credentials (Stripe: secret_key, webhook_secret), each settable at /admin/payment-methods. */
    default List<String> credentials() { return List.of(); }

    /** The same plug-in with {@code stored} (name to value) over the credentials it was built with (the environment's). */
    default Method with(Map<String, String> stored) { return this; }

    /** Where to send the customer to pay, and the gateway's payment id. */
    record Started(String externalId, String url) {}

    /** What a verified webhook tells about one payment. */
    sealed interface Event permits Paid, Ended {}

    /**
     * A verified payment: the gateway's payment id, the deposit id we gave the gateway (-1 when it names none), what was
     * paid, and whether the gateway says it needs a person (over- or underpaid: {@code status} says which).
     */
    record Paid(String externalId, long deposit, BigDecimal amount, String currency, boolean review, String status) implements Event {}

    /**
     * The gateway says this payment is over and nothing was paid (the customer abandoned it, it expired or failed):
     * the payment id, the deposit id we gave the gateway (-1 when it names none), why, and the gateway's own word.
     */
    record Ended(String externalId, long deposit, Why why, String status) implements Event {}

    /** Why a payment ended unpaid; each has its words for the customer ({@code payment.ended.*}). */
    enum Why { EXPIRED, CANCELLED, FAILED }

    /** A callback we cannot trust or cannot match: the webhook answers 4xx and nothing changes. */
    final class Forged extends RuntimeException {
        public Forged(String why) { super(why); }
    }

    /** The gateway could not be reached or refused: the customer is told to try again; nothing was charged. */
    final class GatewayFailure extends RuntimeException {
        public GatewayFailure(String why, Throwable cause) { super(why, cause); }
    }
}
