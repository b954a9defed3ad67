package org.opensmm.client;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/** A stand-in upstream panel on 127.0.0.1: canned replies per action, every request recorded. */
final class FakePanel implements AutoCloseable {

    record Canned(int status, String contentType, String body) {}

    record Received(String method, Headers headers, String body, Map<String, String> form) {}

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, Function<Map<String, String>, Canned>> answers = new ConcurrentHashMap<>();
    final List<Received> received = new CopyOnWriteArrayList<>();

    private FakePanel() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v2", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    static FakePanel start() {
        try {
            return new FakePanel();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** HTTP 200 with this JSON text for every request of the action. */
    FakePanel reply(String action, String json) {
        return reply(action, 200, "application/json; charset=utf-8", json);
    }

    FakePanel reply(String action, int status, String contentType, String body) {
        return answer(action, form -> new Canned(status, contentType, body));
    }

    /** A reply computed from the received form, e.g. one entry per requested id. */
    FakePanel answer(String action, Function<Map<String, String>, Canned> answer) {
        answers.put(action, answer);
        return this;
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v2");
    }

    PanelClient client() {
        return PanelClient.of(url(), "test-key", Duration.ofSeconds(5));
    }

    Received last() {
        return received.getLast();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> form = decode(body);
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestHeaders(), body, form));
            Canned canned = answers.getOrDefault(form.get("action"),
                    f -> new Canned(200, "application/json", "{\"error\": \"Incorrect request\"}")).apply(form);
            byte[] bytes = canned.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", canned.contentType());
            exchange.sendResponseHeaders(canned.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) exchange.getResponseBody().write(bytes);
        }
    }

    static Map<String, String> decode(String body) {
        var form = new LinkedHashMap<String, String>();
        if (body.isEmpty()) return form;
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return form;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
