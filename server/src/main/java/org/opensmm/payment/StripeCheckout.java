package org.opensmm.payment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.StripeClient;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.exception.StripeException;
import com.stripe.model.checkout.Session;
import com.stripe.net.Webhook;
import com.stripe.param.checkout.SessionCreateParams;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Cards through Stripe Checkout, with Stripe's official SDK: a Checkout Session for the amount the server decided, and
 * its webhooks ({@code checkout.session.completed}, {@code .async_payment_succeeded}, {@code .async_payment_failed},
 * {@code .expired}) checked by the SDK's signature code. {@code apiBase} points the SDK at Stripe
 * (https://api.stripe.com) or at the simulated gateway in tests and the demo.
 */
public final class StripeCheckout implements Method {
    public static final String CODE = "stripe";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** secretKey: the API key (sk_…); webhookSecret: the endpoint's signing secret (whsec_…). */
    public record Settings(String apiBase, String secretKey, String webhookSecret) {
        public boolean configured() { return !blank(secretKey) && !blank(webhookSecret); }

        private static boolean blank(String s) { return s == null || s.isBlank(); }
    }

    private final Settings settings;
    private final StripeClient client;

    public StripeCheckout(Settings settings) {
        this.settings = settings;
        var b = StripeClient.builder().setApiKey(settings.configured() ? settings.secretKey() : "sk_unset")
                .setMaxNetworkRetries(0).setConnectTimeout(10_000).setReadTimeout(20_000);
        if (settings.apiBase() != null && !settings.apiBase().isBlank()) b.setApiBase(settings.apiBase());
        this.client = b.build();
    }

    @Override public String code() { return CODE; }

    @Override public List<String> credentials() { return List.of("secret_key", "webhook_secret"); }

    @Override public Method with(Map<String, String> stored) {
        return new StripeCheckout(new Settings(settings.apiBase(), stored.getOrDefault("secret_key", settings.secretKey()),
                stored.getOrDefault("webhook_secret", settings.webhookSecret())));
    }

    @Override public boolean manual() { return false; }

    @Override public boolean configured() { return settings.configured(); }

    /** Where the customer is sent to pay: Stripe's checkout pages, or the simulated gateway. */
    @Override public Optional<String> payOrigin() { return Optional.of(Origins.of(settings.apiBase(), "https://checkout.stripe.com")); }

    /**
     * Creates the Checkout Session: one line item for the deposit's amount in minor units (cents), the deposit id as
     * its client_reference_id; the return gets "?deposit=ID" (and "&cancelled=1" on cancel).
     */
    @Override public Started start(Deposit d, String callbackUrl, String returnUrl) {
        long depositId = d.id();
        long minor = d.amount().micros() / 10_000;
        String currency = d.currency();
        String successUrl = returnUrl + "?deposit=" + depositId;
        String cancelUrl = successUrl + "&cancelled=1";
        var params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .setSuccessUrl(successUrl)
                .setCancelUrl(cancelUrl)
                .setClientReferenceId(Long.toString(depositId))
                .putMetadata("deposit", Long.toString(depositId))
                .addLineItem(SessionCreateParams.LineItem.builder().setQuantity(1L)
                        .setPriceData(SessionCreateParams.LineItem.PriceData.builder()
                                .setCurrency(currency.toLowerCase(Locale.ROOT)).setUnitAmount(minor)
                                .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
                                        .setName("Balance top-up #" + depositId).build())
                                .build())
                        .build())
                .build();
        try {
            Session s = client.v1().checkout().sessions().create(params);
            return new Started(s.getId(), s.getUrl());
        } catch (StripeException e) {
            throw new GatewayFailure("Stripe refused the Checkout Session: " + e.getMessage(), e);
        }
    }

    /**
     * After the SDK's signature check (HMAC-SHA256 of "t.payload" with the endpoint secret, timestamp within 5 minutes):
     * the paid session ({@code checkout.session.completed}, or {@code checkout.session.async_payment_succeeded} when a
     * delayed method such as a bank debit pays later), or the session that ended unpaid ({@code checkout.session.expired}:
     * abandoned; {@code checkout.session.async_payment_failed}: a delayed payment failed); null for any other event, or a
     * session not (yet) paid: a delayed method completes its session "unpaid" and its money comes with a later event.
     * Throws {@link Forged}.
     */
    @Override public Event webhook(String payload, Function<String, String> header) {
        String signatureHeader = header.apply("Stripe-Signature");
        if (!settings.configured()) throw new Forged("Stripe is not configured");
        if (signatureHeader == null || signatureHeader.isBlank()) throw new Forged("no Stripe-Signature header");
        try {
            Webhook.constructEvent(payload, signatureHeader, settings.webhookSecret());
        } catch (SignatureVerificationException e) {
            throw new Forged("bad Stripe signature: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new Forged("unreadable Stripe event: " + e.getMessage());
        }
        try {
            // the signed bytes are read as they are: the fields we match do not depend on the SDK's API version
            JsonNode event = JSON.readTree(payload);
            String type = event.path("type").asText();
            Why ended = switch (type) {
                case "checkout.session.expired" -> Why.EXPIRED;
                case "checkout.session.async_payment_failed" -> Why.FAILED;
                default -> null;
            };
            boolean pays = "checkout.session.completed".equals(type) || "checkout.session.async_payment_succeeded".equals(type);
            if (!pays && ended == null) return null;
            JsonNode s = event.path("data").path("object");
            if (!s.path("id").isTextual() || !s.path("amount_total").canConvertToLong() || !s.path("currency").isTextual()) {
                throw new Forged("a " + type + " event without id, amount_total or currency");
            }
            String reference = s.path("client_reference_id").asText("");
            long deposit = reference.matches("\\d{1,18}") ? Long.parseLong(reference) : -1;
            if (ended != null) return new Ended(s.path("id").asText(), deposit, ended, type);
            String status = s.path("payment_status").asText();
            if (!"paid".equals(status) && !"no_payment_required".equals(status)) return null;
            return new Paid(s.path("id").asText(), deposit, BigDecimal.valueOf(s.path("amount_total").asLong(), 2),
                    s.path("currency").asText(), false, status);
        } catch (IOException e) {
            throw new Forged("unreadable Stripe event: " + e.getMessage());
        }
    }
}
