package org.opensmm.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * A simulated Stripe on loopback, for tests and {@code serve --demo}: the part of Stripe's API the SDK calls
 * (POST /v1/checkout/sessions), a checkout page with "Pay" and "Cancel", and webhooks signed the way Stripe signs them
 * ({@code Stripe-Signature: t=…,v1=hex(HMAC-SHA256(secret, t + "." + payload))}). It can also misbehave on purpose:
 * tests build events with any amount or currency and sign them with any secret and time.
 */
public final class StripeSimulator implements AutoCloseable {
    public static final String SECRET_KEY = "sk_test_simulated";

    /** A session as created: amount in minor units; reference: the client_reference_id the panel gave it. */
    public record Session(String id, String reference, long amount, String currency, String successUrl, String cancelUrl) {}

    private final HttpServer server;
    private final String webhookSecret;
    private volatile String webhookUrl;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Deliveries deliveries = new Deliveries();
    private final GatewayFaults faults = new GatewayFaults();

    private StripeSimulator(HttpServer server, String webhookSecret) {
        this.server = server;
        this.webhookSecret = webhookSecret;
    }

    public static StripeSimulator start(String webhookSecret) {
        try {
            var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            var sim = new StripeSimulator(server, webhookSecret);
            server.createContext("/", sim::handle);
            server.setExecutor(Executors.newFixedThreadPool(4, r -> { var t = new Thread(r, "stripe-sim"); t.setDaemon(true); return t; }));
            server.start();
            return sim;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the simulated Stripe", e);
        }
    }

    /** What to give the SDK as its API base. */
    public String apiBase() { return "http://127.0.0.1:" + server.getAddress().getPort(); }

    /** Where "Pay" posts the completed event: the panel's /payments/stripe/webhook. */
    public void webhookTo(String url) { this.webhookUrl = url; }

    public Session session(String id) { return sessions.get(id); }

    /** What this gateway does wrong next: tests plan faults here. */
    public GatewayFaults faults() { return faults; }

    /** The event Stripe sends when a Checkout Session is paid, with the given amount and currency (no client_reference_id). */
    public static String completedEvent(String sessionId, long amount, String currency) {
        return event("checkout.session.completed", sessionId, null, amount, currency, "paid", System.currentTimeMillis() / 1000);
    }

    /**
     * A {@code checkout.session.*} event of {@code type} created at {@code created} (epoch seconds): the session with its
     * client_reference_id ({@code reference}, null: none), amount in minor units, currency and payment status.
     */
    public static String event(String type, String sessionId, String reference, long amount, String currency, String paymentStatus, long created) {
        return "{\"id\":\"evt_" + UUID.randomUUID().toString().replace("-", "") + "\",\"object\":\"event\",\"type\":\"" + type + "\","
                + "\"api_version\":\"2025-01-01\",\"created\":" + created + ",\"livemode\":false,"
                + "\"data\":{\"object\":{\"id\":\"" + sessionId + "\",\"object\":\"checkout.session\","
                + (reference == null ? "" : "\"client_reference_id\":\"" + reference + "\",") + "\"amount_total\":" + amount
                + ",\"currency\":\"" + currency + "\",\"payment_status\":\"" + paymentStatus + "\",\"status\":\""
                + (type.endsWith(".expired") ? "expired" : "complete") + "\"}}}";
    }

    /** The completed (paid) event for one of our sessions, as created. */
    public String completedEvent(String sessionId) {
        Session s = sessions.get(sessionId);
        return event("checkout.session.completed", sessionId, s.reference(), s.amount(), s.currency(), "paid", System.currentTimeMillis() / 1000);
    }

    /**
     * The customer abandoned the session and Stripe expired it (after 24 hours, or at once by the API's expire call):
     * posts {@code checkout.session.expired} for it, unpaid, as Stripe does; returns the HTTP status.
     */
    public int expire(String sessionId) { return send("checkout.session.expired", sessionId, "unpaid"); }

    /**
     * The customer chose a delayed payment method (a bank debit): the session completes with payment_status "unpaid",
     * as Stripe sends it; the money comes later with {@link #succeedAsync} or not at all ({@link #failAsync}).
     */
    public int completeUnpaid(String sessionId) { return send("checkout.session.completed", sessionId, "unpaid"); }

    /** A delayed payment method's money arrived after the session completed: {@code checkout.session.async_payment_succeeded}. */
    public int succeedAsync(String sessionId) { return send("checkout.session.async_payment_succeeded", sessionId, "paid"); }

    /** A delayed payment method (a bank debit) failed after the session completed: {@code checkout.session.async_payment_failed}. */
    public int failAsync(String sessionId) { return send("checkout.session.async_payment_failed", sessionId, "unpaid"); }

    private int send(String type, String sessionId, String paymentStatus) {
        Session s = sessions.get(sessionId);
        return deliver(event(type, sessionId, s.reference(), s.amount(), s.currency(), paymentStatus, System.currentTimeMillis() / 1000));
    }

    /** The panel's answers to every webhook this gateway posted, in order (200 handled, 400 refused, 0 unreachable). */
    public List<Integer> answers() { return deliveries.answers(); }

    /** A Stripe-Signature header for {@code payload} at {@code epochSeconds}, signed with {@code secret}. */
    public static String signature(String secret, long epochSeconds, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] sig = mac.doFinal((epochSeconds + "." + payload).getBytes(StandardCharsets.UTF_8));
            return "t=" + epochSeconds + ",v1=" + HexFormat.of().formatHex(sig);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signs {@code payload} now with this gateway's secret and posts it to the webhook; returns the HTTP status. */
    public int deliver(String payload) { return deliver(payload, signature(webhookSecret, System.currentTimeMillis() / 1000, payload)); }

    /** Posts {@code payload} with this Stripe-Signature header (null: none). */
    public int deliver(String payload, String header) {
        String type = "application/json; charset=utf-8";
        return header == null ? deliveries.post(webhookUrl, type, payload) : deliveries.post(webhookUrl, type, payload, "Stripe-Signature", header);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            if (method.equals("POST") && path.equals("/v1/checkout/sessions")) {
                if (!("Bearer " + SECRET_KEY).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                    reply(ex, 401, "application/json", "{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Invalid API Key provided\"}}");
                    return;
                }
                Map<String, String> form = form(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                var timeout = faults.take(GatewayFaults.Kind.TIMEOUT);
                if (timeout != null) { // no session is created: the client gives up waiting, and nothing is paid
                    Deliveries.sleep(timeout.millis());
                    return;
                }
                String id = "cs_test_" + UUID.randomUUID().toString().replace("-", "");
                long amount = Long.parseLong(form.getOrDefault("line_items[0][price_data][unit_amount]", "0"))
                        * Long.parseLong(form.getOrDefault("line_items[0][quantity]", "1"));
                String currency = form.getOrDefault("line_items[0][price_data][currency]", "usd");
                Session s = new Session(id, form.getOrDefault("client_reference_id", ""), amount, currency, form.get("success_url"), form.get("cancel_url"));
                sessions.put(id, s);
                if (faults.take(GatewayFaults.Kind.PAID_BEFORE_CREATED) != null) pay(s); // the webhook beats this answer
                reply(ex, 200, "application/json", "{\"id\":\"" + id + "\",\"object\":\"checkout.session\",\"amount_total\":" + amount
                        + ",\"currency\":\"" + currency + "\",\"client_reference_id\":\"" + s.reference() + "\",\"mode\":\"payment\",\"status\":\"open\",\"payment_status\":\"unpaid\","
                        + "\"url\":\"" + apiBase() + "/checkout/" + id + "\"}");
                return;
            }
            String[] parts = path.split("/"); // "", "checkout", id[, action]
            Session s = parts.length >= 3 && parts[1].equals("checkout") ? sessions.get(parts[2]) : null;
            if (s == null) { reply(ex, 404, "text/plain", "no such session"); return; }
            if (method.equals("GET") && parts.length == 3) {
                reply(ex, 200, "text/html; charset=utf-8", "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Simulated Stripe Checkout</title></head><body>"
                        + "<h1>Simulated Stripe Checkout</h1><p>Amount: <strong id=\"amount\">" + (s.amount() / 100) + "."
                        + String.format("%02d", s.amount() % 100) + " " + s.currency().toUpperCase() + "</strong></p>"
                        + "<form method=\"post\" action=\"/checkout/" + s.id() + "/pay\"><button id=\"pay\" type=\"submit\">Pay</button></form>"
                        + "<form method=\"post\" action=\"/checkout/" + s.id() + "/cancel\"><button id=\"cancel\" type=\"submit\">Cancel</button></form>"
                        + "</body></html>");
            } else if (method.equals("POST") && parts.length == 4 && parts[3].equals("pay")) {
                pay(s);
                ex.getResponseHeaders().add("Location", s.successUrl());
                reply(ex, 303, "text/plain", "");
            } else if (method.equals("POST") && parts.length == 4 && parts[3].equals("cancel")) {
                ex.getResponseHeaders().add("Location", s.cancelUrl());
                reply(ex, 303, "text/plain", "");
            } else {
                reply(ex, 405, "text/plain", "method not allowed");
            }
        }
    }

    /** Sends the completed event for a paid session, as the planned faults say: forged first, twice, late, stale ones after. */
    private void pay(Session s) {
        String event = completedEvent(s.id());
        if (faults.take(GatewayFaults.Kind.FORGED_FIRST) != null) {
            deliver(event, signature("whsec_forged", System.currentTimeMillis() / 1000, event));
            String more = completedEvent(s.id(), s.amount() * 10, s.currency());
            deliver(more, signature("whsec_forged", System.currentTimeMillis() / 1000, more));
        }
        int times = faults.take(GatewayFaults.Kind.DUPLICATE) != null ? 2 : 1;
        var late = faults.take(GatewayFaults.Kind.LATE);
        boolean stale = faults.take(GatewayFaults.Kind.OUT_OF_ORDER) != null;
        Runnable send = () -> {
            for (int i = 0; i < times; i++) deliver(event);
            if (stale) { // Stripe does not promise order: the session "expires", then an event created before the payment
                long now = System.currentTimeMillis() / 1000;
                deliver(event("checkout.session.expired", s.id(), s.reference(), s.amount(), s.currency(), "unpaid", now));
                deliver(event("checkout.session.completed", s.id(), s.reference(), s.amount(), s.currency(), "unpaid", now - 60));
            }
        };
        if (late == null) {
            send.run();
        } else {
            Thread.ofVirtual().name("stripe-sim-late").start(() -> { Deliveries.sleep(late.millis()); send.run(); });
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            out.put(k, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static void reply(HttpExchange ex, int status, String type, String body) throws IOException {
        ex.getResponseHeaders().add("Request-Id", "req_sim");
        Deliveries.reply(ex, status, type, body);
    }

    @Override public void close() { server.stop(0); ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow(); }
}
