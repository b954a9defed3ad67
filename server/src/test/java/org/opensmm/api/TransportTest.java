package org.opensmm.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensmm.catalog.ServiceType;
import org.opensmm.ledger.Money;
import org.opensmm.order.Order;
import org.opensmm.testing.TestPanel;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opensmm.testing.Wire.assertError;
import static org.opensmm.testing.Wire.assertWire;

/** PROTOCOL.md "Transport": every encoding real clients send, both paths, precedence, and the reply's type. */
class TransportTest {
    private static final String JSON_TYPE = "application/json; charset=utf-8";
    static TestPanel panel;
    static long followers;
    static long comments;

    @BeforeAll static void start() {
        panel = TestPanel.start();
        followers = panel.service(ServiceType.DEFAULT, "0.90", 50, 10_000);
        comments = panel.service(ServiceType.CUSTOM_COMMENTS, "8", 1, 1000);
    }

    @AfterAll static void stop() { panel.close(); }

    @Test void the_same_add_works_as_form_multipart_json_and_query_string() {
        var alice = panel.customer("10");
        var fields = addFields(alice, "https://instagram.com/form");
        expectOrder(panel.post(TestPanel.form(fields), "application/x-www-form-urlencoded"));
        fields = addFields(alice, "https://instagram.com/form-charset");
        expectOrder(panel.post(TestPanel.form(fields), "application/x-www-form-urlencoded; charset=UTF-8"));

        fields = addFields(alice, "https://instagram.com/multipart");
        expectOrder(panel.post(multipart(fields, "----OpenSmmBoundary7MA4YWxk"), "multipart/form-data; boundary=----OpenSmmBoundary7MA4YWxk"));
        fields = addFields(alice, "https://instagram.com/multipart-quoted");
        expectOrder(panel.post(multipart(fields, "q b"), "multipart/form-data; boundary=\"q b\""));

        fields = addFields(alice, "https://instagram.com/json");
        expectOrder(panel.post(json(fields), "application/json"));
        expectOrder(panel.post("{\"key\": \"" + alice.key() + "\", \"action\": \"add\", \"service\": " + followers
                + ", \"link\": \"https://instagram.com/json-numbers\", \"quantity\": 100}", "application/json"));

        fields = addFields(alice, "https://instagram.com/query-get");
        expectOrder(panel.send(HttpRequest.newBuilder(withQuery(panel.api, fields)).GET(), null));
        fields = addFields(alice, "https://instagram.com/query-post");
        expectOrder(panel.send(HttpRequest.newBuilder(withQuery(panel.api, fields)).POST(HttpRequest.BodyPublishers.noBody()), null));

        assertThat(panel.balance(alice)).isEqualTo(Money.parse("9.28")); // 8 orders of 100 at 0.90
        assertThat(panel.ledgerSum(alice)).isEqualTo(panel.balance(alice));
    }

    @Test void multipart_carries_line_breaks_and_utf8_in_lists() {
        var alice = panel.customer("10");
        var fields = new LinkedHashMap<String, String>(Map.of("key", alice.key(), "action", "add", "service", Long.toString(comments),
                "link", "https://instagram.com/p/ünïcode", "comments", "très bien\r\n😀 top\n\nthird"));
        Reply r = expectOrder(panel.post(multipart(fields, "b0undary"), "multipart/form-data; boundary=b0undary"));
        Order order = panel.panel.orders.find(r.json().get("order").asLong()).orElseThrow();
        assertThat(order.quantity()).isEqualTo(3);
        assertThat(order.fields().get("comments")).isEqualTo("très bien\n😀 top\nthird");
        assertThat(panel.balance(alice)).isEqualTo(Money.parse("9.976"));
    }

    @Test void both_paths_with_and_without_the_trailing_slash_answer() {
        var alice = panel.customer("1.5");
        for (String path : List.of("/api/v2", "/api/v2/")) {
            URI uri = panel.api.resolve(path);
            var reply = panel.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(
                    "key=" + alice.key() + "&action=balance")), "application/x-www-form-urlencoded");
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.contentType()).isEqualTo(JSON_TYPE);
            assertWire(reply.json(), """
                    {"balance": "1.5", "currency": "USD"}""");
        }
    }

    @Test void the_body_wins_over_the_query_string_when_a_field_comes_twice() {
        var alice = panel.customer("2");
        var mallory = panel.customer("3");
        URI uri = URI.create(panel.api + "?action=services&key=" + mallory.key() + "&quantity=5000");
        var reply = panel.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(
                "key=" + alice.key() + "&action=balance")), "application/x-www-form-urlencoded");
        assertWire(reply.json(), """
                {"balance": "2", "currency": "USD"}""");

        // fields only in the query still count
        URI addUri = URI.create(panel.api + "?service=" + followers + "&quantity=5000&link=https%3A%2F%2Finstagram.com%2Fq");
        var add = panel.send(HttpRequest.newBuilder(addUri).POST(HttpRequest.BodyPublishers.ofString(
                "key=" + alice.key() + "&action=add&quantity=1000")), "application/x-www-form-urlencoded");
        assertThat(add.json().has("order")).as(add.body()).isTrue();
        assertThat(panel.balance(alice)).isEqualTo(Money.parse("1.1")); // 1000 from the body, not 5000 from the query

        var json = panel.send(HttpRequest.newBuilder(URI.create(panel.api + "?action=services")).POST(HttpRequest.BodyPublishers.ofString(
                "{\"key\": \"" + alice.key() + "\", \"action\": \"balance\"}")), "application/json");
        assertWire(json.json(), """
                {"balance": "1.1", "currency": "USD"}""");
    }

    @Test void the_x_api_key_header_authenticates() {
        var alice = panel.customer("4.25");
        var reply = panel.send(HttpRequest.newBuilder(panel.api).header("X-Api-Key", alice.key())
                .POST(HttpRequest.BodyPublishers.ofString("action=balance")), "application/x-www-form-urlencoded");
        assertWire(reply.json(), """
                {"balance": "4.25", "currency": "USD"}""");
        var wrong = panel.send(HttpRequest.newBuilder(panel.api).header("X-Api-Key", alice.key() + "0")
                .POST(HttpRequest.BodyPublishers.ofString("action=balance")), "application/x-www-form-urlencoded");
        assertError(wrong.json(), "Invalid API key");
    }

    @Test void runs_and_interval_undefined_make_a_plain_order() {
        var alice = panel.customer("10");
        String body = "key=" + alice.key() + "&action=add&service=" + followers
                + "&link=https%3A%2F%2Finstagram.com%2Fundefined&quantity=1000&runs=undefined&interval=undefined";
        Reply reply = expectOrder(panel.post(body, "application/x-www-form-urlencoded"));
        Order order = panel.panel.orders.find(reply.json().get("order").asLong()).orElseThrow();
        assertThat(order.dripFeed()).isFalse();
        assertThat(order.runs()).isNull();
        assertThat(order.quantity()).isEqualTo(1000);
        assertThat(panel.balance(alice)).isEqualTo(Money.parse("9.1"));

        // runs=1 and empty runs are plain orders too
        expectOrder(panel.call(alice.key(), "action", "add", "service", Long.toString(followers), "link", "https://instagram.com/runs-1",
                "quantity", "1000", "runs", "1", "interval", "undefined"));
        expectOrder(panel.call(alice.key(), "action", "add", "service", Long.toString(followers), "link", "https://instagram.com/runs-empty",
                "quantity", "1000", "runs", "", "interval", ""));
        assertThat(panel.balance(alice)).isEqualTo(Money.parse("7.3"));
    }

    @Test void unknown_fields_are_ignored() {
        var alice = panel.customer("3");
        assertWire(panel.call(alice.key(), "action", "balance", "foo", "bar", "orders[]", "1", "currency", "EUR"), """
                {"balance": "3", "currency": "USD"}""");
        expectOrder(panel.call(alice.key(), "action", "add", "service", Long.toString(followers), "link", "https://instagram.com/extra",
                "quantity", "1000", "comments", "ignored for Default", "username", "x", "api_token", "y"));
        assertThat(panel.balance(alice)).isEqualTo(Money.parse("2.1"));
    }

    @Test void every_reply_is_json_utf8_and_success_replies_have_no_error_key() {
        var alice = panel.customer("10");
        long order = expectOrder(panel.call(alice.key(), "action", "add", "service", Long.toString(followers),
                "link", "https://instagram.com/types", "quantity", "100")).json().get("order").asLong();
        panel.panel.orders.applyStatus(order, org.opensmm.order.Status.COMPLETED, 1L, 0L);
        List<String> successes = List.of(
                "action=services", "action=balance", "action=status&order=" + order, "action=status&orders=" + order,
                "action=refill&order=" + order);
        for (String s : successes) {
            var reply = panel.post("key=" + alice.key() + "&" + s, "application/x-www-form-urlencoded");
            assertThat(reply.status()).as(s).isEqualTo(200);
            assertThat(reply.contentType()).as(s).isEqualTo(JSON_TYPE);
            assertThat(reply.body()).as(s).doesNotContain("\"error\"");
        }
        for (String s : List.of("action=nothing", "action=status&order=0")) {
            var reply = panel.post("key=" + alice.key() + "&" + s, "application/x-www-form-urlencoded");
            assertThat(reply.status()).as(s).isEqualTo(200);
            assertThat(reply.contentType()).as(s).isEqualTo(JSON_TYPE);
            assertThat(reply.json().has("error")).isTrue();
        }
        var notFound = panel.send(HttpRequest.newBuilder(panel.api.resolve("/api/v3")).GET(), null);
        assertThat(notFound.contentType()).isEqualTo(JSON_TYPE);
        assertThat(notFound.json().has("error")).isTrue();
    }

    @Test void a_unicode_body_round_trips_and_json_text_is_escaped() {
        var alice = panel.customer("10");
        var reply = panel.post("{\"key\": \"" + alice.key() + "\", \"action\": \"add\", \"service\": \"" + comments
                + "\", \"link\": \"https://instagram.com/p/\\u00e9\", \"comments\": [\"line \\\"one\\\"\", \"line\\ttwo\"]}", "application/json");
        Order order = panel.panel.orders.find(expectOrder(reply).json().get("order").asLong()).orElseThrow();
        assertThat(order.link()).isEqualTo("https://instagram.com/p/é");
        assertThat(order.fields().get("comments")).isEqualTo("line \"one\"\nline\ttwo");
    }

    // --- helpers ---

    private record Reply(TestPanel.Reply raw) {
        JsonNode json() { return raw.json(); }
    }

    private static Reply expectOrder(TestPanel.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.contentType()).isEqualTo(JSON_TYPE);
        assertThat(reply.json().has("order")).as(reply.body()).isTrue();
        assertThat(reply.json().has("error")).isFalse();
        assertThat(reply.json().get("order").isNumber()).isTrue();
        return new Reply(reply);
    }

    private static Reply expectOrder(JsonNode reply) {
        assertThat(reply.has("order")).as(reply.toString()).isTrue();
        return new Reply(new TestPanel.Reply(200, JSON_TYPE, reply.toString()));
    }

    private static Map<String, String> addFields(TestPanel.Customer who, String link) {
        var m = new LinkedHashMap<String, String>();
        m.put("key", who.key());
        m.put("action", "add");
        m.put("service", Long.toString(followers));
        m.put("link", link);
        m.put("quantity", "100");
        return m;
    }

    static String multipart(Map<String, String> fields, String boundary) {
        var out = new StringBuilder();
        fields.forEach((k, v) -> out.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(k).append("\"\r\n\r\n")
                .append(v).append("\r\n"));
        return out.append("--").append(boundary).append("--\r\n").toString();
    }

    static String json(Map<String, String> fields) {
        var node = TestPanel.JSON.createObjectNode();
        fields.forEach(node::put);
        return node.toString();
    }

    private static URI withQuery(URI base, Map<String, String> fields) {
        var q = new StringBuilder();
        fields.forEach((k, v) -> q.append(q.isEmpty() ? "" : "&").append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return URI.create(base + "?" + q);
    }
}
