package org.opensmm.fulfil;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.opensmm.api.Form;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A hostile upstream panel on 127.0.0.1 that answers what the test scripts: add replies, and each order's status entry
 * by link. It sells a Default (id 1) and a Subscriptions (id 2) service at 0.10, both cancelable.
 */
final class ScriptedUpstream implements AutoCloseable {
    static final String SERVICES = """
            [{"service": 1, "name": "Followers", "type": "Default", "category": "IG", "rate": "0.10", "min": 10, "max": 10000, "refill": false, "cancel": true},
             {"service": 2, "name": "Auto likes", "type": "Subscriptions", "category": "IG", "rate": "0.10", "min": 10, "max": 1000, "refill": false, "cancel": true}]""";

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final AtomicLong ids = new AtomicLong(1000);
    /** The add reply for an id the panel would give: {"order": id} unless scripted otherwise. */
    volatile Function<Long, String> add = id -> "{\"order\": " + id + "}";
    /** Each order's status entry by its link; Pending until scripted. */
    final Map<String, String> statusByLink = new ConcurrentHashMap<>();
    final Map<Long, String> linkById = new ConcurrentHashMap<>();
    /** A whole status reply instead of the entries, written by the test (e.g. streamed). */
    volatile Stream statusReply;
    final List<Map<String, String>> received = new CopyOnWriteArrayList<>();

    interface Stream { void write(OutputStream out) throws IOException; }

    ScriptedUpstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v2", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    String url() { return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v2"; }

    long count(String action) { return received.stream().filter(f -> action.equals(f.get("action"))).count(); }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> form = Form.decode(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            received.add(form);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            Stream stream = "status".equals(form.get("action")) ? statusReply : null;
            if (stream != null) {
                exchange.sendResponseHeaders(200, 0);
                try (OutputStream out = exchange.getResponseBody()) {
                    stream.write(out);
                } catch (IOException hungUp) {
                    // the panel stopped reading
                }
                return;
            }
            byte[] body = reply(form).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private String reply(Map<String, String> form) {
        return switch (form.getOrDefault("action", "")) {
            case "services" -> SERVICES;
            case "add" -> {
                long id = ids.incrementAndGet();
                String link = form.getOrDefault("link", form.getOrDefault("username", ""));
                linkById.put(id, link);
                yield add.apply(id);
            }
            case "status" -> {
                var entries = new StringBuilder("{");
                for (String id : form.getOrDefault("orders", form.getOrDefault("order", "")).split(",")) {
                    String link = linkById.get(Long.parseLong(id));
                    String entry = link == null ? "{\"error\": \"Incorrect order ID\"}"
                            : statusByLink.getOrDefault(link, "{\"status\": \"Pending\"}");
                    if (entries.length() > 1) entries.append(',');
                    entries.append('"').append(id).append("\": ").append(entry);
                }
                yield entries.append('}').toString();
            }
            case "cancel" -> {
                var entries = new StringBuilder("[");
                for (String id : form.get("orders").split(",")) {
                    if (entries.length() > 1) entries.append(',');
                    entries.append("{\"order\": ").append(id).append(", \"cancel\": 1}");
                }
                yield entries.append(']').toString();
            }
            default -> "{\"error\": \"Incorrect request\"}";
        };
    }


    @Override public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
