package org.opensmm.fulfil;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.opensmm.api.Form;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An upstream on 127.0.0.1 that answers like the widespread PHP panel of issue 9: every reply {@code text/html}, with a
 * leading newline, pretty-printed, ids as strings, {@code "desc": null}; Package orders refused without a quantity,
 * Subscriptions without a link; refill and cancel "This action is Invalid"; an order not yet started reports
 * {@code "remains": "0"}; and an add that overlaps another gets an empty body although the order is taken.
 * Services: 1 Default, 2 Subscriptions, 3 Package, each at 0.10, refill and cancel listed as true.
 */
final class QuirkyPanel implements AutoCloseable {
    static final String SERVICES = """

            [
                {
                    "service": "1",
                    "name": "Followers",
                    "type": "Default",
                    "category": "Instagram",
                    "rate": "0.10",
                    "min": "10",
                    "max": "10000",
                    "dripfeed": "1",
                    "refill": true,
                    "cancel": true,
                    "desc": null
                },
                {
                    "service": "2", "name": "Auto likes", "type": "Subscriptions", "category": "Instagram", "rate": "0.10",
                    "min": "10", "max": "1000", "dripfeed": "0", "refill": true, "cancel": true, "desc": null
                },
                {
                    "service": "3", "name": "Likes package", "type": "Package", "category": "Instagram", "rate": "0.10",
                    "min": "1", "max": "1", "dripfeed": "0", "refill": true, "cancel": true, "desc": "one package"
                }
            ]""";

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final AtomicLong ids = new AtomicLong(5000);
    private final AtomicInteger addsInFlight = new AtomicInteger();
    /** How long an add takes: long enough for concurrent adds to overlap. */
    volatile long addMillis = 0;
    /** Each order's status entry by its link (or username); Pending with remains "0" until scripted. */
    final Map<String, String> statusByLink = new ConcurrentHashMap<>();
    final Map<Long, String> linkById = new ConcurrentHashMap<>();
    final Map<Long, String> chargeById = new ConcurrentHashMap<>();
    final List<Map<String, String>> received = new CopyOnWriteArrayList<>();

    QuirkyPanel() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v2", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    String url() { return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v2"; }

    List<Map<String, String>> received(String action) {
        return received.stream().filter(f -> action.equals(f.get("action"))).toList();
    }

    /** Orders it holds whose reply was an empty body. */
    final Map<Long, String> lostReplies = new ConcurrentHashMap<>();

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> form = Form.decode(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            received.add(form);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=UTF-8");
            byte[] body = reply(form).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
            if (body.length > 0) exchange.getResponseBody().write(body);
        }
    }

    private String reply(Map<String, String> form) {
        return switch (form.getOrDefault("action", "")) {
            case "services" -> SERVICES;
            case "add" -> add(form);
            case "status" -> {
                var entries = new StringBuilder("\n{\n");
                String list = form.get("orders") != null ? form.get("orders") : form.getOrDefault("order", "");
                for (String id : list.split(",")) {
                    String link = linkById.get(Long.parseLong(id.strip()));
                    String entry = link == null ? "{\"error\": \"Incorrect order ID\"}"
                            : statusByLink.getOrDefault(link, "{\"charge\": \"" + chargeById.get(Long.parseLong(id.strip()))
                                    + "\", \"start_count\": null, \"status\": \"Pending\", \"remains\": \"0\"}");
                    if (entries.length() > 3) entries.append(",\n");
                    entries.append("    \"").append(id.strip()).append("\": ").append(entry);
                }
                yield entries.append("\n}").toString();
            }
            case "refill", "cancel" -> "\n{\n    \"error\": \"This action is Invalid\"\n}";
            case "balance" -> "\n{\n    \"balance\": \"100.0000\",\n    \"currency\": \"USD\"\n}";
            default -> "\n{\n    \"error\": \"Incorrect request\"\n}";
        };
    }

    private String add(Map<String, String> form) {
        String service = form.getOrDefault("service", "");
        if (service.equals("3") && form.get("quantity") == null) return "\n{\n    \"error\": \"Quantity is required\"\n}";
        if (form.get("link") == null) return "\n{\n    \"error\": \"Bad Link\"\n}";
        boolean overlapped = addsInFlight.incrementAndGet() > 1;
        try {
            if (addMillis > 0) Thread.sleep(addMillis);
            long id = ids.incrementAndGet();
            linkById.put(id, form.get("link"));
            long quantity = Long.parseLong(form.getOrDefault("quantity", "1"));
            chargeById.put(id, new java.math.BigDecimal("0.10").multiply(java.math.BigDecimal.valueOf(service.equals("3") ? 1000 : quantity))
                    .movePointLeft(3).setScale(4, java.math.RoundingMode.HALF_UP).toPlainString());
            // the race: the order is taken, the reply to an overlapping add is lost
            if (overlapped || addsInFlight.get() > 1) {
                lostReplies.put(id, form.get("link"));
                return "";
            }
            return "\n{\n    \"order\": \"" + id + "\"\n}";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        } finally {
            addsInFlight.decrementAndGet();
        }
    }


    @Override public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
