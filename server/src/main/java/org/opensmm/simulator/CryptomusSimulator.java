package org.opensmm.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.opensmm.payment.Cryptomus;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A simulated Cryptomus on loopback: create invoice (POST /v1/payment), payment status (POST /v1/payment/info), both
 * checked for the merchant header and {@code sign}; a payment page with "Pay" and "Cancel"; callbacks signed
 * {@code md5(base64(json) + key)} as Cryptomus signs them. Tests build callbacks with any status, amount or key.
 */
public final class CryptomusSimulator implements AutoCloseable {
    public static final String MERCHANT = "00000000-0000-0000-0000-00000000c0de";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An invoice: amount as the decimal string asked; status as Cryptomus words it (check, paid, paid_over, …). */
    public record Invoice(String uuid, String orderId, String amount, String currency, String callbackUrl, String successUrl, String status) {
        Invoice withStatus(String s) { return new Invoice(uuid, orderId, amount, currency, callbackUrl, successUrl, s); }
    }

    private final HttpServer server;
    private final String apiKey;
    private final Map<String, Invoice> invoices = new ConcurrentHashMap<>();
    private final Deliveries deliveries = new Deliveries();
    private final GatewayFaults faults = new GatewayFaults();

    private CryptomusSimulator(HttpServer server, String apiKey) {
        this.server = server;
        this.apiKey = apiKey;
    }

    public static CryptomusSimulator start(String apiKey) {
        try {
            var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            var sim = new CryptomusSimulator(server, apiKey);
            server.createContext("/", sim::handle);
            server.setExecutor(Executors.newFixedThreadPool(4, r -> { var t = new Thread(r, "cryptomus-sim"); t.setDaemon(true); return t; }));
            server.start();
            return sim;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the simulated Cryptomus", e);
        }
    }

    public String apiBase() { return "http://127.0.0.1:" + server.getAddress().getPort(); }

    public Invoice invoice(String uuid) { return invoices.get(uuid); }

    /** What this gateway does wrong next: tests plan faults here. */
    public GatewayFaults faults() { return faults; }

    /** Sets what payment/info answers for an invoice (a payment made elsewhere, or not made). */
    public void status(String uuid, String status) { invoices.computeIfPresent(uuid, (k, i) -> i.withStatus(status)); }

    /** A callback for {@code uuid} with these fields, signed with {@code key}. */
    public static String callback(String uuid, String orderId, String status, String amount, String currency, String key) {
        ObjectNode body = JSON.createObjectNode().put("type", "payment").put("uuid", uuid).put("order_id", orderId)
                .put("amount", amount).put("payment_amount", amount).put("merchant_amount", amount).put("is_final", true)
                .put("status", status).put("currency", currency).put("network", "tron").put("payer_currency", "USDT")
                .put("additional_data", (String) null).put("txid", "https://tronscan.org/#/transaction/" + UUID.randomUUID());
        body.put("sign", Cryptomus.sign(Cryptomus.signedPart(body), key));
        return body.toString();
    }

    /** The callback Cryptomus sends for one of our invoices in {@code status}, signed with this gateway's key. */
    public String callback(String uuid, String status) {
        Invoice i = invoices.get(uuid);
        return callback(uuid, i.orderId(), status, i.amount(), i.currency(), apiKey);
    }

    /** Posts a callback body to the invoice's url_callback; returns the HTTP status (0 when unreachable). */
    public int deliver(String uuid, String body) { return deliveries.post(invoices.get(uuid).callbackUrl(), "application/json", body); }

    /**
     * The invoice ends unpaid ("cancel": its lifetime passed and the customer did not pay; "fail", "system_fail"): its
     * status becomes {@code status} and the callback is posted, as Cryptomus does; returns the HTTP status.
     */
    public int end(String uuid, String status) {
        status(uuid, status);
        return deliver(uuid, callback(uuid, status));
    }

    /** The panel's answers to every callback this gateway posted, in order (200 handled, 400 refused, 0 unreachable). */
    public List<Integer> answers() { return deliveries.answers(); }

    /**
     * The customer pays: "paid", or "wrong_amount" / "paid_over" when the plan says the payment is short or too much.
     * The callback follows as the planned faults say: forged ones first, twice, late, stale statuses after.
     */
    private void pay(String uuid) {
        String paid = faults.take(GatewayFaults.Kind.UNDERPAID) != null ? "wrong_amount"
                : faults.take(GatewayFaults.Kind.OVERPAID) != null ? "paid_over" : "paid";
        status(uuid, paid);
        Invoice i = invoices.get(uuid);
        if (faults.take(GatewayFaults.Kind.FORGED_FIRST) != null) {
            deliver(i.uuid(), callback(i.uuid(), i.orderId(), "paid", i.amount(), i.currency(), "not-the-key"));
            deliver(i.uuid(), callback(i.uuid(), i.orderId(), "paid", new java.math.BigDecimal(i.amount()).multiply(java.math.BigDecimal.TEN)
                    .toPlainString(), i.currency(), "not-the-key"));
        }
        int times = faults.take(GatewayFaults.Kind.DUPLICATE) != null ? 2 : 1;
        var late = faults.take(GatewayFaults.Kind.LATE);
        boolean stale = faults.take(GatewayFaults.Kind.OUT_OF_ORDER) != null;
        String body = callback(i.uuid(), paid);
        Runnable send = () -> {
            for (int n = 0; n < times; n++) deliver(i.uuid(), body);
            // callbacks of earlier statuses, delivered after the final one (paid before confirm_check, process, check)
            if (stale) for (String earlier : List.of("confirm_check", "process", "check")) deliver(i.uuid(), callback(i.uuid(), earlier));
        };
        if (late == null) {
            send.run();
        } else {
            Thread.ofVirtual().name("cryptomus-sim-late").start(() -> { Deliveries.sleep(late.millis()); send.run(); });
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            boolean post = ex.getRequestMethod().equals("POST");
            if (post && path.startsWith("/v1/")) {
                String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                if (!MERCHANT.equals(ex.getRequestHeaders().getFirst("merchant"))
                        || !Cryptomus.sign(body, apiKey).equals(ex.getRequestHeaders().getFirst("sign"))) {
                    Deliveries.reply(ex, 401, "application/json", "{\"state\":1,\"message\":\"Invalid sign\"}");
                    return;
                }
                JsonNode req = JSON.readTree(body);
                Invoice i;
                if (path.equals("/v1/payment") && faults.take(GatewayFaults.Kind.TIMEOUT) instanceof GatewayFaults.Fault late) {
                    Deliveries.sleep(late.millis()); // no invoice is created: the client gives up waiting, and nothing is paid
                    return;
                }
                if (path.equals("/v1/payment")) {
                    String uuid = UUID.randomUUID().toString();
                    i = new Invoice(uuid, req.path("order_id").asText(), req.path("amount").asText(), req.path("currency").asText(),
                            req.path("url_callback").asText(), req.path("url_success").asText(), "check");
                    invoices.put(uuid, i);
                    if (faults.take(GatewayFaults.Kind.PAID_BEFORE_CREATED) != null) { // the callback beats this answer
                        pay(uuid);
                        i = invoices.get(uuid);
                    }
                } else if (path.equals("/v1/payment/info")) {
                    i = invoices.get(req.path("uuid").asText());
                    if (i == null) { Deliveries.reply(ex, 404, "application/json", "{\"state\":1,\"message\":\"Payment not found\"}"); return; }
                } else {
                    Deliveries.reply(ex, 404, "application/json", "{\"state\":1,\"message\":\"Not found\"}");
                    return;
                }
                ObjectNode result = JSON.createObjectNode().put("uuid", i.uuid()).put("order_id", i.orderId()).put("amount", i.amount())
                        .put("currency", i.currency()).put("url", apiBase() + "/pay/" + i.uuid()).put("payment_status", i.status())
                        .put("status", i.status()).put("is_final", !i.status().equals("check"));
                Deliveries.reply(ex, 200, "application/json", JSON.createObjectNode().put("state", 0).set("result", result).toString());
                return;
            }
            String[] parts = path.split("/"); // "", "pay", uuid[, action]
            Invoice i = parts.length >= 3 && parts[1].equals("pay") ? invoices.get(parts[2]) : null;
            if (i == null) { Deliveries.reply(ex, 404, "text/plain", "no such invoice"); return; }
            if (!post && parts.length == 3) {
                Deliveries.reply(ex, 200, "text/html; charset=utf-8", "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Simulated Cryptomus</title></head><body>"
                        + "<h1>Simulated Cryptomus</h1><p>Amount: <strong id=\"amount\">" + i.amount() + " " + i.currency() + "</strong></p>"
                        + "<form method=\"post\" action=\"/pay/" + i.uuid() + "/pay\"><button id=\"pay\" type=\"submit\">Pay</button></form>"
                        + "<form method=\"post\" action=\"/pay/" + i.uuid() + "/cancel\"><button id=\"cancel\" type=\"submit\">Cancel</button></form>"
                        + "</body></html>");
            } else if (post && parts.length == 4 && parts[3].equals("pay")) {
                pay(i.uuid());
                ex.getResponseHeaders().add("Location", i.successUrl());
                Deliveries.reply(ex, 303, "text/plain", "");
            } else if (post && parts.length == 4 && parts[3].equals("cancel")) {
                status(i.uuid(), "cancel");
                ex.getResponseHeaders().add("Location", i.successUrl());
                Deliveries.reply(ex, 303, "text/plain", "");
            } else {
                Deliveries.reply(ex, 405, "text/plain", "method not allowed");
            }
        }
    }

    @Override public void close() { server.stop(0); ((ExecutorService) server.getExecutor()).shutdownNow(); }
}
