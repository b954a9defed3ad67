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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

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

    @Override public List<String> credentials() { return List.of("merchant", "api_key"); }

    @Override public Method with(Map<String, String> stored) {
        return new Cryptomus(new Settings(settings.apiBase(), stored.getOrDefault("merchant", settings.merchant()),
                stored.getOrDefault("api_key", settings.apiKey())));
    }

    @Override public boolean manual() { return false; }

    @Override public boolean configured() { return settings.configured(); }

    /** Where the customer is sent to pay: Cryptomus's payment pages, or the simulated gateway. */
    @Override public Optional<String> payOrigin() {
        return Optional.of(settings.apiBase() == null || settings.apiBase().contains("api.cryptomus.com") ? "https://pay.cryptomus.com"
                : Origins.of(settings.apiBase(), "https://pay.cryptomus.com"));
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

    /** A Cryptomus invoice's order_id: "deposit-" and our deposit id. */
    private static final String ORDER = "deposit-";

    /** Creates an invoice for the deposit's amount and currency; its order_id names the deposit. */
    @Override public Started start(Deposit d, String callbackUrl, String returnUrl) {
        String back = returnUrl + "?deposit=" + d.id();
        ObjectNode body = JSON.createObjectNode().put("amount", d.amount().toDecimal().toPlainString()).put("currency", d.currency())
                .put("order_id", ORDER + d.id()).put("url_callback", callbackUrl).put("url_return", back).put("url_success", back);
        Invoice invoice = invoice(call("/v1/payment", body));
        return new Started(invoice.uuid(), invoice.url());
    }

    private static Invoice invoice(JsonNode reply) {
        JsonNode r = reply.path("result");
        if (reply.path("state").asInt(-1) != 0 || !r.path("uuid").isTextual()) {
            throw new GatewayFailure("Cryptomus refused: " + reply, null);
        }
        return new Invoice(r.path("uuid").asText(), r.path("url").asText(), r.path("payment_status").asText(r.path("status").asText()),
                new BigDecimal(r.path("amount").asText("0")), r.path("currency").asText(), r.path("order_id").asText());
    }

    private JsonNode call(String path, ObjectNode body) {
        if (!configured()) throw new GatewayFailure("Cryptomus is not configured", null);
        try {
            String json = JSON.writeValueAsString(body);
            var request = HttpRequest.newBuilder(URI.create(settings.apiBase() + path)).timeout(Duration.ofSeconds(20))
                    .header("Content-Type", "application/json").header("merchant", settings.merchant())
                    .header("sign", sign(json, settings.apiKey())).POST(HttpRequest.BodyPublishers.ofString(json)).build();
            var reply = http.send(request, HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(reply.body());
        } catch (IOException e) {
            throw new GatewayFailure("Cryptomus unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayFailure("interrupted", e);
        }
    }

    /**
     * The callback: its sign checked (constant time), then, for a paid one, the payment status checked with Cryptomus
     * itself (payment/info: a signed callback is not the last word). "paid" pays; "paid_over" and "wrong_amount"
     * (overpaid, underpaid) need a person: crypto amounts move with the rate and the network fee, and an operator decides
     * whether a surplus is credited or refunded. "cancel" (the invoice expired unpaid), "fail" and "system_fail" end it
     * unpaid, checked the same way. Other statuses (check, process, confirm_check, …) say nothing final (null).
     */
    @Override public Event webhook(String payload, Function<String, String> header) {
        if (!configured()) throw new Forged("Cryptomus is not configured");
        JsonNode node;
        try {
            node = JSON.readTree(payload);
        } catch (IOException e) {
            throw new Forged("unreadable Cryptomus callback");
        }
        if (!(node instanceof ObjectNode body) || !body.path("sign").isTextual()) throw new Forged("unsigned Cryptomus callback");
        String expected = sign(signedPart(body), settings.apiKey());
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), body.path("sign").asText().getBytes(StandardCharsets.US_ASCII))) {
            throw new Forged("bad Cryptomus sign");
        }
        String uuid = body.path("uuid").asText(), orderId = body.path("order_id").asText(), status = body.path("status").asText();
        BigDecimal amount;
        try {
            amount = new BigDecimal(body.path("amount").asText());
        } catch (NumberFormatException e) {
            throw new Forged("a Cryptomus callback without an amount");
        }
        String id = orderId.startsWith(ORDER) ? orderId.substring(ORDER.length()) : "";
        if (!id.matches("\\d{1,18}")) throw new Forged("invoice " + uuid + " is for order " + orderId);
        boolean review = status.equals("paid_over") || status.equals("wrong_amount");
        Why ended = switch (status) {
            case "cancel" -> Why.CANCELLED;
            case "fail", "system_fail" -> Why.FAILED;
            default -> null;
        };
        if (!status.equals("paid") && !review && ended == null) return null;
        Invoice now = invoice(call("/v1/payment/info", JSON.createObjectNode().put("uuid", uuid)));
        if (!now.status().equals(status) || now.amount().compareTo(amount) != 0 || !now.currency().equalsIgnoreCase(body.path("currency").asText())
                || !now.orderId().equals(orderId)) {
            throw new Forged("callback for " + uuid + " says " + status + ", payment/info says " + now.status());
        }
        if (ended != null) return new Ended(uuid, Long.parseLong(id), ended, status);
        return new Paid(uuid, Long.parseLong(id), amount, body.path("currency").asText(), review, status);
    }
}
