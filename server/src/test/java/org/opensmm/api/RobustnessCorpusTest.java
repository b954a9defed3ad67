package org.opensmm.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opensmm.catalog.ServiceType;
import org.opensmm.order.Status;
import org.opensmm.testing.TestPanel;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opensmm.testing.Wire.assertError;
import static org.opensmm.testing.Wire.assertWire;

/**
 * Ten thousand malformed requests, generated from a fixed seed, sent concurrently to one panel: every reply is JSON with
 * HTTP 200 or 4xx (never 5xx, never HTML), and the database is exactly as before. The corpus customer has no money and no
 * orders, and aims at another customer's orders and refills, so no request in it may change anything.
 */
class RobustnessCorpusTest {
    private static final String JSON_TYPE = "application/json; charset=utf-8";
    private static final long SEED = 20240917L;
    private static final int REQUESTS = 10_000;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    static TestPanel panel;
    static List<String> serviceIds = new ArrayList<>();
    static List<String> othersOrders = new ArrayList<>();
    static List<String> othersRefills = new ArrayList<>();
    static TestPanel.Customer broke;
    static TestPanel.Customer disabledRich;

    @BeforeAll static void start() {
        panel = TestPanel.start();
        // Rates of at least 1 per 1000 and minimums of 10: every add costs money the corpus customer does not have.
        for (ServiceType t : ServiceType.values()) serviceIds.add(Long.toString(panel.service(t, "1.5", 10, 10_000)));
        var owner = panel.customer("100");
        for (int i = 0; i < 6; i++) {
            long order = panel.call(owner.key(), "action", "add", "service", serviceIds.get(0), "link", "https://instagram.com/owner-" + i,
                    "quantity", "100").get("order").asLong();
            othersOrders.add(Long.toString(order));
            if (i >= 2) panel.panel.orders.applyStatus(order, i == 2 ? Status.IN_PROGRESS : Status.COMPLETED, 1L, i == 2 ? 50L : 0L);
            if (i >= 4) othersRefills.add(panel.call(owner.key(), "action", "refill", "order", Long.toString(order)).get("refill").asText());
        }
        broke = panel.customer("0");
        disabledRich = panel.customer("1000");
        panel.panel.accounts.setEnabled(disabledRich.id(), false);
    }

    @AfterAll static void stop() { panel.close(); }

    @Test @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void ten_thousand_malformed_requests_get_json_replies_and_change_nothing() throws Exception {
        String before = panel.snapshot();
        var corpus = new Corpus(new Random(SEED));
        List<Request> requests = IntStream.range(0, REQUESTS).mapToObj(i -> corpus.next()).toList();

        var failures = new ConcurrentLinkedQueue<String>();
        var statuses = new java.util.concurrent.ConcurrentHashMap<Integer, AtomicInteger>();
        var orders = new AtomicInteger();
        try (var pool = Executors.newFixedThreadPool(6)) {
            var futures = new ArrayList<Future<?>>();
            for (Request r : requests) {
                futures.add(pool.submit(() -> {
                    String problem = check(r, statuses, orders);
                    if (problem != null) failures.add(problem);
                }));
            }
            for (var f : futures) f.get(60, TimeUnit.SECONDS);
        }

        assertThat(failures).as("replies that were not JSON with HTTP 200/4xx (%d of %d)", failures.size(), REQUESTS)
                .isEmpty();
        assertThat(orders.get()).as("orders placed by the corpus").isZero();
        assertThat(panel.snapshot()).isEqualTo(before);
        assertThat(statuses.keySet()).allMatch(s -> s == 200 || (s >= 400 && s < 500));
        // the panel still serves a plain request
        assertWire(panel.call(broke.key(), "action", "balance"), """
                {"balance": "0", "currency": "USD"}""");
    }

    @Test void a_body_over_the_cap_is_refused_as_too_large_and_the_server_stays_healthy() throws Exception {
        var alice = panel.customer("10");
        String before = panel.snapshot();
        String big = "key=" + alice.key() + "&action=add&service=" + serviceIds.get(2) + "&link=https%3A%2F%2Fx.com%2Fbig&comments="
                + "a%0A".repeat(2 * 1024 * 1024 / 4);
        assertThat(big.length()).isGreaterThan(2 * 1024 * 1024);

        // with a Content-Length
        HttpResponse<String> sized = HTTP.send(HttpRequest.newBuilder(panel.api).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(big)).timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(sized.statusCode()).isEqualTo(413);
        assertThat(sized.headers().firstValue("Content-Type")).hasValue(JSON_TYPE);
        assertError(TestPanel.JSON.readTree(sized.body()), "Request too large");

        // streamed without a length (chunked)
        byte[] bytes = big.getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> chunked = HTTP.send(HttpRequest.newBuilder(panel.api).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes)))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertError(TestPanel.JSON.readTree(chunked.body()), "Request too large");

        assertThat(panel.snapshot()).isEqualTo(before);
        assertWire(panel.call(alice.key(), "action", "balance"), """
                {"balance": "10", "currency": "USD"}""");
    }

    @Test void json_numbers_with_huge_exponents_are_refused_without_expanding_them() throws Exception {
        // Each of these would be a billion-digit string if expanded: 12 at once do not fit in any test heap.
        var bodies = List.of("1e999999999", "-1e999999999", "1e-999999999", "123e2147483647");
        try (var pool = Executors.newFixedThreadPool(12)) {
            var futures = new ArrayList<Future<HttpResponse<String>>>();
            for (int i = 0; i < 12; i++) {
                String body = "{\"key\": \"" + broke.key() + "\", \"action\": \"add\", \"service\": " + serviceIds.get(0)
                        + ", \"link\": \"https://instagram.com/e\", \"quantity\": " + bodies.get(i % bodies.size()) + "}";
                futures.add(pool.submit(() -> HTTP.send(HttpRequest.newBuilder(panel.api).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString())));
            }
            for (var f : futures) {
                HttpResponse<String> reply = f.get(60, TimeUnit.SECONDS);
                assertThat(reply.statusCode()).isEqualTo(200);
                assertError(TestPanel.JSON.readTree(reply.body()), "Incorrect request");
            }
        }
        // an exponent that stays small is just a number
        var alice = panel.customer("10");
        JsonNode ok = TestPanel.JSON.readTree(panel.post("{\"key\": \"" + alice.key() + "\", \"action\": \"add\", \"service\": "
                + serviceIds.get(0) + ", \"link\": \"https://instagram.com/e\", \"quantity\": 1e3}", "application/json").body());
        assertThat(ok.has("order")).as(ok.toString()).isTrue();
        assertThat(panel.balance(alice).toWire()).isEqualTo("8.5");
    }

    @Test void a_malformed_escape_in_the_query_string_gets_a_json_reply() throws Exception {
        try (var socket = new java.net.Socket("127.0.0.1", panel.panel.port())) {
            socket.getOutputStream().write(("GET /api/v2?key=" + broke.key() + "&action=balance&x=%zz HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            String reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(reply).containsIgnoringCase("Content-Type: application/json; charset=utf-8");
            assertThat(reply).endsWith("{\"error\":\"Incorrect request\"}");
        }
    }

    /** Sends one request; null when the reply is as PROTOCOL.md requires, else a description. */
    private static String check(Request r, java.util.Map<Integer, AtomicInteger> statuses, AtomicInteger orders) {
        if (r.rawTarget() != null) return checkRaw(r, statuses);
        HttpResponse<byte[]> reply;
        try {
            var b = HttpRequest.newBuilder(r.uri()).timeout(Duration.ofSeconds(30))
                    .method(r.method(), r.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(r.body()));
            if (r.contentType() != null) b.header("Content-Type", r.contentType());
            if (r.headerKey() != null) b.header("X-Api-Key", r.headerKey());
            try {
                reply = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (java.io.IOException stale) {
                // a pooled keep-alive connection the server closed as idle: the same request once more on a new one
                reply = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            }
        } catch (Exception e) {
            return r.describe() + " → " + e;
        }
        statuses.computeIfAbsent(reply.statusCode(), s -> new AtomicInteger()).incrementAndGet();
        String body = new String(reply.body(), StandardCharsets.UTF_8);
        int status = reply.statusCode();
        if (status != 200 && (status < 400 || status > 499)) return r.describe() + " → HTTP " + status + " " + cut(body);
        if (!reply.headers().firstValue("Content-Type").orElse("").equals(JSON_TYPE)) {
            return r.describe() + " → Content-Type " + reply.headers().firstValue("Content-Type") + " " + cut(body);
        }
        JsonNode json;
        try {
            json = TestPanel.JSON.readTree(body);
        } catch (Exception e) {
            return r.describe() + " → not JSON: " + cut(body);
        }
        if (json == null || json.isMissingNode()) return r.describe() + " → empty body";
        if (json.has("error") && !json.get("error").isTextual()) return r.describe() + " → error is not text: " + cut(body);
        if (status != 200 && !json.has("error")) return r.describe() + " → HTTP " + status + " without error: " + cut(body);
        if (json.has("order") && json.get("order").isNumber()) orders.incrementAndGet();
        return null;
    }

    /** The same checks for a request sent over a plain socket with Connection: close. */
    private static String checkRaw(Request r, java.util.Map<Integer, AtomicInteger> statuses) {
        byte[] body = r.body() == null ? new byte[0] : r.body();
        String head = r.method() + " " + r.rawTarget() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + (r.contentType() == null ? "" : "Content-Type: " + r.contentType() + "\r\n")
                + "Content-Length: " + body.length + "\r\n\r\n";
        byte[] response;
        try (var socket = new java.net.Socket("127.0.0.1", panel.panel.port())) {
            socket.setSoTimeout(30_000);
            var out = socket.getOutputStream();
            try {
                out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
            } catch (java.io.IOException refusedEarly) {
                // the server may answer (and close) before taking all of an over-long request: read that answer
            }
            response = socket.getInputStream().readAllBytes();
        } catch (java.io.IOException e) {
            return r.describe() + " → " + e;
        }
        String text = new String(response, StandardCharsets.UTF_8);
        int split = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || split < 0) return r.describe() + " → not HTTP: " + cut(text);
        int status = Integer.parseInt(text.substring(9, 12));
        statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
        String headers = text.substring(0, split).toLowerCase(java.util.Locale.ROOT);
        String json = text.substring(split + 4);
        if (status != 200 && (status < 400 || status > 499)) return r.describe() + " → HTTP " + status + " " + cut(json);
        if (!headers.contains("\r\ncontent-type: application/json; charset=utf-8")) return r.describe() + " → headers " + cut(headers);
        try {
            JsonNode node = TestPanel.JSON.readTree(json);
            if (node == null || !node.isObject() && !node.isArray()) return r.describe() + " → not a JSON value: " + cut(json);
        } catch (Exception e) {
            return r.describe() + " → not JSON: " + cut(json);
        }
        return null;
    }

    private static String cut(String s) { return s.length() > 300 ? s.substring(0, 300) + "…" : s; }

    /** {@code raw}: sent over a plain socket, for what java.net.URI refuses to carry (malformed escapes in the query). */
    record Request(String method, URI uri, String rawTarget, String contentType, byte[] body, String headerKey, String kind) {
        Request(String method, URI uri, String contentType, byte[] body, String headerKey, String kind) {
            this(method, uri, null, contentType, body, headerKey, kind);
        }

        String describe() {
            String text = body == null ? "" : new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8);
            return kind + " " + method + " " + cut(rawTarget != null ? rawTarget : uri.toString()) + " [" + contentType + "] " + text.replace("\r", "\\r").replace("\n", "\\n");
        }
    }

    /** The generator: a seeded walk over fields, values and encodings real and broken clients produce. */
    final class Corpus {
        private static final List<String> ACTIONS = List.of("services", "add", "status", "refill", "refill_status", "cancel", "balance");
        private static final List<String> FIELDS = List.of("service", "link", "quantity", "runs", "interval", "order", "orders",
                "refill", "refills", "comments", "usernames", "hashtags", "hashtag", "username", "media", "answer_number", "groups",
                "keywords", "min", "max", "delay", "posts", "old_posts", "expiry");
        private static final List<String> NUMBERS = List.of("-1", "0", "1", "10", "50", "100", "1000", "10000", "10001", "-0",
                "99999999999999999999", "9223372036854775807", "9223372036854775808", "-9223372036854775808", "1.5", "100.0", "1e3",
                "1E400", "1e-7", "0x10", "0X1F", "+5", " 7 ", "007", "1_000", "1,000", "NaN", "Infinity", "-Infinity", "١٢٣", "１２",
                "12abc", "", " ", "null", "undefined", "true", "[]", "{}");
        private static final List<String> TEXTS = List.of("", " ", "https://instagram.com/p/corpus", "http://x.y/z?a=1&b=2",
                "instagram.com/x", "javascript:alert(1)", "ftp://a.b", "<script>alert(1)</script>", "<html><body>", "'; DROP TABLE orders; --",
                "\u0000", "a\u0000b", "\u0001\u0002\u0007\u001b", "\r\n", "\n\n\n", "a\r\nb\nc", "😀🔥", "\uD800", "\uFFFF", "\u2028\u2029",
                "é".repeat(50), "%00", "%", "%%", "\\", "\"", "{\"a\":1}", "[1,2]", "d/m/Y", "31/12/2099", "32/13/2099", "29/02/2023",
                "1/1/1970", "01/01/99999");

        private final Random random;

        Corpus(Random random) { this.random = random; }

        Request next() {
            return switch (random.nextInt(13)) {
                case 0, 1, 2 -> form(false);
                case 3 -> form(true);
                case 4 -> multipart(false);
                case 5 -> multipart(true);
                case 6 -> json(false);
                case 7 -> json(true);
                case 8 -> query();
                case 9 -> wrongType();
                case 10 -> bytes();
                case 11 -> ids();
                default -> oddMethod();
            };
        }

        /** The fields of one request: key, action, then random fields, some twice, some huge. */
        private List<String[]> fields() {
            var out = new ArrayList<String[]>();
            if (random.nextInt(10) > 0) out.add(new String[] {"key", key()});
            if (random.nextInt(12) > 0) out.add(new String[] {"action", action()});
            int n = random.nextInt(8);
            for (int i = 0; i < n; i++) out.add(new String[] {fieldName(), value()});
            if (random.nextInt(5) == 0 && !out.isEmpty()) out.add(out.get(random.nextInt(out.size())).clone()); // a duplicate
            if (random.nextInt(4) == 0) Collections.shuffle(out, random);
            return out;
        }

        private String key() {
            return switch (random.nextInt(12)) {
                case 0 -> "";
                case 1 -> disabledRich.key();
                case 2 -> "0123456789abcdef0123456789abcdef";
                case 3 -> "k".repeat(300);
                case 4 -> broke.key() + "\u0000";
                case 5 -> " " + broke.key() + " ";
                case 6 -> pick(TEXTS);
                default -> broke.key();
            };
        }

        /** What an X-Api-Key header can carry (no controls). */
        private String headerKey() {
            return pick(List.of(broke.key(), disabledRich.key(), "", "0123456789abcdef0123456789abcdef", "k".repeat(300)));
        }

        private String action() {
            return switch (random.nextInt(10)) {
                case 0 -> pick(List.of("", "ADD", "Add", "add ", "add\u0000", "services;", "delete", "status[]", "😀"));
                case 1 -> pick(TEXTS);
                default -> pick(ACTIONS);
            };
        }

        private String fieldName() {
            return switch (random.nextInt(15)) {
                case 0 -> pick(List.of("", "orders[]", "key[]", "x", "Service", "ACTION", "\u0000", "😀", "a".repeat(1000)));
                default -> pick(FIELDS);
            };
        }

        private String value() {
            return switch (random.nextInt(12)) {
                case 0, 1, 2 -> pick(NUMBERS);
                case 3, 4 -> pick(TEXTS);
                case 5 -> pick(serviceIds);
                case 6 -> pick(othersOrders);
                case 7 -> idList();
                case 8 -> randomText(random.nextInt(40));
                case 9 -> pick(List.of("a\nb\nc", "x\r\ny", "one")) + "\n".repeat(random.nextInt(3));
                case 10 -> random.nextInt(50) == 0 ? "z".repeat(200_000) : "q".repeat(random.nextInt(3000));
                default -> pick(othersRefills);
            };
        }

        private String idList() {
            int n = switch (random.nextInt(6)) {
                case 0 -> 101;
                case 1 -> 100 + random.nextInt(400);
                default -> 1 + random.nextInt(10);
            };
            var ids = new ArrayList<String>();
            for (int i = 0; i < n; i++) {
                ids.add(switch (random.nextInt(6)) {
                    case 0 -> pick(othersOrders);
                    case 1 -> pick(othersRefills);
                    case 2 -> pick(NUMBERS);
                    default -> Integer.toString(random.nextInt(1000));
                });
            }
            String sep = pick(List.of(",", ", ", " ,", ",,", ";", "\n"));
            return String.join(sep, ids);
        }

        private String randomText(int length) {
            var sb = new StringBuilder();
            for (int i = 0; i < length; i++) {
                int c = switch (random.nextInt(4)) {
                    case 0 -> random.nextInt(0x20);             // controls, NUL
                    case 1 -> 0x20 + random.nextInt(0x5f);      // ASCII
                    case 2 -> 0x80 + random.nextInt(0x780);     // Latin, Greek, Cyrillic…
                    default -> random.nextInt(0xFFFF);          // anything in the BMP, lone surrogates too
                };
                sb.append((char) c);
            }
            return sb.toString();
        }

        private Request form(boolean brokenEscapes) {
            var parts = new ArrayList<String>();
            for (String[] f : fields()) {
                parts.add(enc(f[0]) + (random.nextInt(20) == 0 ? "" : "=" + enc(f[1])));
            }
            if (brokenEscapes) {
                int n = 1 + random.nextInt(3);
                for (int i = 0; i < n; i++) {
                    String junk = pick(List.of("%", "%G1", "%zz", "%e0%80", "%ff%fe", "%%", "+", "=", "&&", "=x", "%0", "a=%", "quantity=1%",
                            "%C0%AF", "%ED%A0%80", "key=%00", "link=https://x.com/%"));
                    parts.add(random.nextInt(Math.max(1, parts.size() + 1)) == 0 ? 0 : parts.size(), junk);
                }
            }
            String body = String.join("&", parts);
            String type = pick(List.of("application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=UTF-8",
                    "APPLICATION/X-WWW-FORM-URLENCODED"));
            return post(path(), type, body.getBytes(StandardCharsets.UTF_8), brokenEscapes ? "form-broken" : "form");
        }

        private Request multipart(boolean broken) {
            String boundary = "----corpus" + random.nextInt(1_000_000);
            var out = new StringBuilder();
            for (String[] f : fields()) {
                out.append("--").append(boundary).append("\r\n");
                if (!broken || random.nextInt(4) > 0) {
                    out.append("Content-Disposition: form-data; name=\"").append(f[0]).append('"');
                    if (random.nextInt(10) == 0) out.append("; filename=\"a.txt\"\r\nContent-Type: text/plain");
                    out.append("\r\n");
                }
                out.append(broken && random.nextInt(4) == 0 ? "\n" : "\r\n").append(f[1]).append("\r\n");
            }
            out.append("--").append(boundary).append(broken && random.nextInt(2) == 0 ? "" : "--\r\n");
            String body = out.toString();
            String type = "multipart/form-data; boundary=" + boundary;
            if (broken) {
                switch (random.nextInt(7)) {
                    case 0 -> type = "multipart/form-data";
                    case 1 -> type = "multipart/form-data; boundary=";
                    case 2 -> type = "multipart/form-data; boundary=other";
                    case 3 -> body = body.substring(0, random.nextInt(Math.max(1, body.length())));
                    case 4 -> body = body.replace("\r\n", "\n");
                    case 5 -> type = "multipart/form-data; boundary=\"" + boundary;
                    default -> body = "--" + boundary + "\r\n\r\n\r\n--" + boundary + "--";
                }
            }
            return post(path(), type, body.getBytes(StandardCharsets.UTF_8), broken ? "multipart-broken" : "multipart");
        }

        private Request json(boolean broken) {
            var node = TestPanel.JSON.createObjectNode();
            for (String[] f : fields()) {
                switch (random.nextInt(8)) {
                    case 0 -> node.put(f[0], random.nextLong());
                    case 1 -> node.put(f[0], random.nextBoolean());
                    case 2 -> node.putNull(f[0]);
                    case 3 -> node.putArray(f[0]).add(f[1]).add(random.nextInt(100)).add(random.nextBoolean());
                    case 4 -> node.putObject(f[0]).put("nested", f[1]);
                    case 5 -> node.put(f[0], random.nextDouble() * 1e6);
                    case 6 -> node.putArray(f[0]).addArray().add(1);
                    default -> node.put(f[0], f[1]);
                }
            }
            String body = node.toString();
            if (broken) {
                body = switch (random.nextInt(14)) {
                    case 0 -> body.substring(0, random.nextInt(Math.max(1, body.length())));
                    case 1 -> body + "}";
                    case 2 -> body + " trailing";
                    case 3 -> body.replace('"', '\'');
                    case 4 -> "[" + body + "]";
                    case 5 -> "\"" + broke.key() + "\"";
                    case 6 -> pick(List.of("null", "42", "true", "[]", "\"\"", "{}", "{\"key\":}", "{,}"));
                    case 7 -> "[".repeat(5000) + "]".repeat(5000);
                    case 8 -> "{\"a\":".repeat(3000) + "1" + "}".repeat(3000);
                    case 9 -> "{\"key\": \"" + broke.key() + "\", \"key\": \"" + broke.key() + "\", \"action\": \"balance\"}";
                    case 10 -> "{\"key\": \"" + broke.key() + "\", \"action\": \"add\", \"service\": " + pick(serviceIds)
                            + ", \"link\": \"https://instagram.com/n\", \"quantity\": " + pick(List.of("1e999999999", "-1e999999999",
                            "1e-999999999", "123456789012345678901234567890e10", "NaN", "1" + "0".repeat(2000), "0.5", "1e2", "-0"))
                            + ", \"runs\": " + pick(List.of("1e999999999", "3", "\"x\"", "null", "9" .repeat(30))) + ", \"interval\": 1e5}";
                    case 11 -> "{\"key\": \"" + broke.key() + "\", \"action\": \"status\", \"orders\": [" + pick(othersOrders) + ", [1], {\"a\": 1}]}";
                    case 12 -> body.replace("\"", "\\u0000\"");
                    default -> "\uFEFF" + body;
                };
            }
            String type = pick(List.of("application/json", "application/json; charset=utf-8", "text/json", "application/vnd.api+json"));
            return post(path(), type, body.getBytes(StandardCharsets.UTF_8), broken ? "json-broken" : "json");
        }

        private Request query() {
            var q = fields().stream().map(f -> enc(f[0]) + "=" + enc(f[1])).collect(Collectors.joining("&"));
            if (random.nextInt(3) == 0) {
                q += "&" + pick(List.of("%", "%zz", "a=%e0", "=", "&&&", "key=%G0", "action=%", "orders=1%2", "%ff%fe=%c3"));
                String target = (random.nextBoolean() ? "/api/v2?" : "/api/v2/?") + q;
                boolean get = random.nextBoolean();
                return new Request(get ? "GET" : "POST", null, target, get ? null : "application/x-www-form-urlencoded",
                        get ? null : "action=balance".getBytes(StandardCharsets.UTF_8), null, "query-raw");
            }
            URI uri = URI.create(panel.api + "?" + q);
            boolean get = random.nextBoolean();
            if (get) return new Request("GET", uri, null, null, null, "query-get");
            String[] f = random.nextBoolean() ? new String[] {"action", action()} : new String[] {"key", key()};
            return new Request("POST", uri, "application/x-www-form-urlencoded", (enc(f[0]) + "=" + enc(f[1])).getBytes(StandardCharsets.UTF_8),
                    random.nextInt(5) == 0 ? headerKey() : null, "query-post");
        }

        private Request wrongType() {
            var parts = fields().stream().map(f -> enc(f[0]) + "=" + enc(f[1])).collect(Collectors.joining("&"));
            String type = pick(java.util.Arrays.asList("text/plain", "application/xml", "image/png", "", "multipart/form-data",
                    "application/json", "application/octet-stream", "text/html; charset=latin1", "*/*", "form", null));
            String body = random.nextInt(4) == 0 ? "" : parts;
            if (random.nextInt(4) == 0) body = "{\"key\": \"" + broke.key() + "\", \"action\": \"balance\"}";
            return post(path(), type, body.getBytes(StandardCharsets.UTF_8), "wrong-type");
        }

        private Request bytes() {
            byte[] body = new byte[random.nextInt(2000)];
            random.nextBytes(body);
            if (body.length > 0 && random.nextBoolean()) body[0] = '{';
            String type = pick(java.util.Arrays.asList("application/x-www-form-urlencoded", "application/json", "multipart/form-data; boundary=x", null));
            return post(path(), type, body, "bytes");
        }

        private Request ids() {
            String action = pick(List.of("status", "refill", "cancel", "refill_status"));
            String field = pick(List.of("order", "orders", "refill", "refills"));
            String body = "key=" + enc(key()) + "&action=" + action + "&" + field + "=" + enc(idList());
            return post(path(), "application/x-www-form-urlencoded", body.getBytes(StandardCharsets.UTF_8), "ids");
        }

        private Request oddMethod() {
            String method = pick(List.of("PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "get", "POST"));
            String body = fields().stream().map(f -> enc(f[0]) + "=" + enc(f[1])).collect(Collectors.joining("&"));
            // paths under /api/ only: the rest of the port is the website, whose unknown paths answer in HTML
            URI uri = random.nextInt(3) == 0 ? panel.api.resolve(pick(List.of("/api/v2//", "/api/v1", "/api/V2", "/api/v2/x", "/api/", "/api/v2%00")))
                    : panel.api;
            return new Request(method, uri, "application/x-www-form-urlencoded", method.equals("TRACE") ? null : body.getBytes(StandardCharsets.UTF_8),
                    null, "method");
        }

        private Request post(URI uri, String type, byte[] body, String kind) {
            return new Request("POST", uri, type, body, random.nextInt(15) == 0 ? headerKey() : null, kind);
        }

        private URI path() { return random.nextInt(4) == 0 ? panel.api.resolve("/api/v2/") : panel.api; }

        private <T> T pick(List<T> from) { return from.get(random.nextInt(from.size())); }

        private String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }
    }
}
