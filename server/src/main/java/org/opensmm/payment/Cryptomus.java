package org.opensmm.payment;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Crypto through Cryptomus's documented HTTP API: create an invoice (POST /v1/payment), check a payment
 * (POST /v1/payment/info), and its callback. Every request and callback is signed
 * {@code md5(base64(json body) + API key)}; the callback's JSON is encoded as PHP's json_encode does (slashes as
 * "\/"), which is what Cryptomus signs.
 */
public final class Cryptomus implements Method {
    public static final String CODE = "cryptomus";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** PHP json_encode: "/" escaped, non-ASCII as \\uXXXX. */
    private static final ObjectMapper PHP = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .enable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES).build();

    /** apiBase: https://api.cryptomus.com or the simulated gateway; merchant: the merchant uuid; apiKey: the payment API key. */
    public record Settings(String apiBase, String merchant, String apiKey) {
        public boolean configured() { return apiBase != null && !apiBase.isBlank() && merchant != null && !merchant.isBlank()
                && apiKey != null && !apiKey.isBlank(); }
    }

    /** An invoice as Cryptomus tells it: its uuid, the payment page, its status, the amount and currency asked. */
    public record Invoice(String uuid, String url, String status, BigDecimal amount, String currency, String orderId) {}

    private final Settings settings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public Cryptomus(Settings settings) { this.settings = settings; }

    @Override public String code() { return CODE; }

    @Override public boolean manual() { return false; }

    public boolean configured() { return settings.configured(); }

    /** Where the customer is sent to pay: Cryptomus's payment pages, or the simulated gateway. */
    public String payOrigin() {
        return settings.apiBase() == null || settings.apiBase().contains("api.cryptomus.com") ? "https://pay.cryptomus.com"
                : Origins.of(settings.apiBase(), "https://pay.cryptomus.com");
    }

    /** md5(base64(json) + key), hex: the signature of a request body or of a callback without its "sign". */
    public static String sign(String json, String apiKey) {
        try {
            String b64 = Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest((b64 + apiKey).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A callback body as Cryptomus signs it: its fields without "sign", in order, PHP-encoded. */
    public static String signedPart(ObjectNode body) {
        ObjectNode copy = body.deepCopy();
        copy.remove("sign");
        try {
            return PHP.writeValueAsString(copy);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    Invoice create(String orderId, BigDecimal amount, String currency, String callbackUrl, String returnUrl) {
        ObjectNode body = JSON.createObjectNode().put("amount", amount.toPlainString()).put("currency", currency)
                .put("order_id", orderId).put("url_callback", callbackUrl).put("url_return", returnUrl).put("url_success", returnUrl);
        return invoice(call("/v1/payment", body));
    }

    /** The payment status check: what Cryptomus says about this invoice now. */
    Invoice info(String uuid) {
        return invoice(call("/v1/payment/info", JSON.createObjectNode().put("uuid", uuid)));
    }

    private static Invoice invoice(JsonNode reply) {
        JsonNode r = reply.path("result");
        if (reply.path("state").asInt(-1) != 0 || !r.path("uuid").isTextual()) {
            throw new StripeCheckout.GatewayFailure("Cryptomus refused: " + reply, null);
        }
        return new Invoice(r.path("uuid").asText(), r.path("url").asText(), r.path("payment_status").asText(r.path("status").asText()),
                new BigDecimal(r.path("amount").asText("0")), r.path("currency").asText(), r.path("order_id").asText());
    }

    private JsonNode call(String path, ObjectNode body) {
        if (!configured()) throw new StripeCheckout.GatewayFailure("Cryptomus is not configured", null);
        try {
            String json = JSON.writeValueAsString(body);
            var request = HttpRequest.newBuilder(URI.create(settings.apiBase() + path)).timeout(Duration.ofSeconds(20))
                    .header("Content-Type", "application/json").header("merchant", settings.merchant())
                    .header("sign", sign(json, settings.apiKey())).POST(HttpRequest.BodyPublishers.ofString(json)).build();
            var reply = http.send(request, HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(reply.body());
        } catch (IOException e) {
            throw new StripeCheckout.GatewayFailure("Cryptomus unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StripeCheckout.GatewayFailure("interrupted", e);
        }
    }

    /** A verified callback: the invoice uuid, our order id, its status, amount and currency. */
    public record Callback(String uuid, String orderId, String status, BigDecimal amount, String currency) {}

    /** Checks the callback's sign (constant time); throws {@link StripeCheckout.Forged} when it does not verify. */
    Callback verify(String payload) {
        if (!configured()) throw new StripeCheckout.Forged("Cryptomus is not configured");
        JsonNode node;
        try {
            node = JSON.readTree(payload);
        } catch (IOException e) {
            throw new StripeCheckout.Forged("unreadable Cryptomus callback");
        }
        if (!(node instanceof ObjectNode body) || !body.path("sign").isTextual()) throw new StripeCheckout.Forged("unsigned Cryptomus callback");
        String expected = sign(signedPart(body), settings.apiKey());
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), body.path("sign").asText().getBytes(StandardCharsets.US_ASCII))) {
            throw new StripeCheckout.Forged("bad Cryptomus sign");
        }
        try {
            return new Callback(body.path("uuid").asText(), body.path("order_id").asText(), body.path("status").asText(),
                    new BigDecimal(body.path("amount").asText()), body.path("currency").asText());
        } catch (NumberFormatException e) {
            throw new StripeCheckout.Forged("a Cryptomus callback without an amount");
        }
    }
}
