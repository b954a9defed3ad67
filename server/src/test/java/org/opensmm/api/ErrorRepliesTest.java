package org.opensmm.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opensmm.catalog.Rate;
import org.opensmm.catalog.Service;
import org.opensmm.catalog.ServiceType;
import org.opensmm.order.Status;
import org.opensmm.testing.TestPanel;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opensmm.testing.Wire.assertError;
import static org.opensmm.testing.Wire.assertWire;

/** Every error row of PROTOCOL.md, produced by the request that triggers it, and each such request changes nothing. */
class ErrorRepliesTest {
    static TestPanel panel;
    static long followers;      // Default 0.90, 50..10000, refill, cancel, drip-feed
    static long noDrip;         // Default without drip-feed
    static long noRefill;       // refill off
    static long noCancel;       // cancel off
    static long disabled;       // not on sale
    static Map<ServiceType, Long> byType = new LinkedHashMap<>();

    @BeforeAll static void start() {
        panel = TestPanel.start();
        followers = panel.service(ServiceType.DEFAULT, "0.90", 50, 10_000);
        noDrip = panel.panel.catalog.add(new Service(0, "No drip", ServiceType.DEFAULT, "Test", Rate.parse("0.90"), 50, 10_000,
                true, true, false, 30, 0, Set.of(), true)).id();
        noRefill = panel.service(ServiceType.DEFAULT, "0.90", 50, 10_000, false, true);
        noCancel = panel.service(ServiceType.DEFAULT, "0.90", 50, 10_000, true, false);
        disabled = panel.panel.catalog.add(new Service(0, "Disabled", ServiceType.DEFAULT, "Test", Rate.parse("0.90"), 50, 10_000,
                true, true, true, 30, 0, Set.of(), false)).id();
        for (ServiceType t : ServiceType.values()) byType.put(t, panel.service(t, "1", 1, 1000));
    }

    @AfterAll static void stop() { panel.close(); }

    // --- Authentication and errors common to all actions ---

    @Test void missing_empty_unknown_or_disabled_customer_key_is_invalid_api_key() {
        var alice = panel.customer("10");
        var disabledCustomer = panel.customer("10");
        panel.panel.accounts.setEnabled(disabledCustomer.id(), false);
        String svc = Long.toString(followers);
        String[] add = {"action", "add", "service", svc, "link", "https://instagram.com/key", "quantity", "100"};

        unchanged(() -> panel.call(null, add), "Invalid API key");
        unchanged(() -> panel.call("", add), "Invalid API key");
        unchanged(() -> panel.call("   ", add), "Invalid API key");
        unchanged(() -> panel.call(alice.key() + "x", add), "Invalid API key");
        unchanged(() -> panel.call("0123456789abcdef0123456789abcdef", add), "Invalid API key");
        unchanged(() -> panel.call(disabledCustomer.key(), add), "Invalid API key");
        unchanged(() -> panel.call(disabledCustomer.key(), "action", "balance"), "Invalid API key");
    }

    @Test void missing_or_unknown_action_is_incorrect_request() {
        var alice = panel.customer("10");
        unchanged(() -> panel.call(alice.key()), "Incorrect request");
        unchanged(() -> panel.call(alice.key(), "action", ""), "Incorrect request");
        unchanged(() -> panel.call(alice.key(), "action", "withdraw"), "Incorrect request");
        unchanged(() -> panel.call(alice.key(), "action", "ADD", "service", Long.toString(followers),
                "link", "https://instagram.com/x", "quantity", "100"), "Incorrect request");
        unchanged(() -> panel.call(alice.key(), "service", Long.toString(followers), "link", "https://instagram.com/x",
                "quantity", "100"), "Incorrect request");
    }

    @Test void missing_id_fields_are_incorrect_request() {
        var alice = panel.customer("10");
        for (String action : List.of("add", "status", "refill", "refill_status", "cancel")) {
            unchanged(() -> panel.call(alice.key(), "action", action), "Incorrect request");
        }
        unchanged(() -> panel.call(alice.key(), "action", "status", "orders", ""), "Incorrect request");
        unchanged(() -> panel.call(alice.key(), "action", "status", "orders", " , ,"), "Incorrect request");
        unchanged(() -> panel.call(alice.key(), "action", "add", "service", ""), "Incorrect request");
    }

    /** Each required field of each type, left out and left empty: "Incorrect request" (link: "Bad link"). */
    static Stream<Arguments> requiredFields() {
        var out = new ArrayList<Arguments>();
        for (var e : validAdd().entrySet()) {
            for (String field : e.getValue().keySet()) {
                if (isOptional(e.getKey(), field)) continue;
                out.add(Arguments.of(e.getKey(), field));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} without {1}")
    @MethodSource("requiredFields")
    void a_missing_or_empty_required_field_of_the_type_is_refused(ServiceType type, String field) {
        var alice = panel.customer("1000");
        String expected = field.equals("link") ? "Bad link" : "Incorrect request";
        Map<String, String> fields = new LinkedHashMap<>(validAdd().get(type));
        fields.remove(field);
        unchanged(() -> add(alice, type, fields), expected);
        fields.put(field, "");
        unchanged(() -> add(alice, type, fields), expected);
        fields.put(field, "  \r\n ");
        unchanged(() -> add(alice, type, fields), expected);
        // and with everything given, the same request succeeds: the refusal was about that field
        JsonNode ok = add(alice, type, validAdd().get(type));
        assertThat(ok.has("order")).as(type + ": " + ok).isTrue();
    }

    @Test void more_than_100_ids_is_too_many_ids() {
        var alice = panel.customer("10");
        String ids101 = LongStream.rangeClosed(1, 101).mapToObj(Long::toString).collect(Collectors.joining(","));
        String ids100 = LongStream.rangeClosed(1, 100).mapToObj(Long::toString).collect(Collectors.joining(","));
        unchanged(() -> panel.call(alice.key(), "action", "status", "orders", ids101), "Too many IDs");
        unchanged(() -> panel.call(alice.key(), "action", "refill", "orders", ids101), "Too many IDs");
        unchanged(() -> panel.call(alice.key(), "action", "cancel", "orders", ids101), "Too many IDs");
        unchanged(() -> panel.call(alice.key(), "action", "refill_status", "refills", ids101), "Too many IDs");
        // 100 is allowed: one entry each
        assertThat(panel.call(alice.key(), "action", "status", "orders", ids100).size()).isEqualTo(100);
        assertThat(panel.call(alice.key(), "action", "refill_status", "refills", ids100).size()).isEqualTo(100);
    }

    @Test void over_the_rate_limit_is_http_429_with_retry_after_and_changes_nothing() throws Exception {
        // A client of its own: the shared one may still pool a connection to an earlier panel's (now reused) port.
        var client = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        try (var limited = TestPanel.start(1); client) { // 1 request per second per key, a burst of 2
            long svc = limited.service(ServiceType.DEFAULT, "0.90", 50, 10_000);
            var alice = limited.customer("10");
            var balance = TestPanel.form(Map.of("key", alice.key(), "action", "balance"));
            var add = TestPanel.form(Map.of("key", alice.key(), "action", "add", "service", Long.toString(svc),
                    "link", "https://instagram.com/limited", "quantity", "100"));
            assertThat(post(client, limited, balance).statusCode()).isEqualTo(200);
            assertThat(post(client, limited, balance).statusCode()).isEqualTo(200);
            String before = limited.snapshot();

            var reply = post(client, limited, add);

            assertThat(reply.statusCode()).isEqualTo(429);
            assertThat(reply.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isPositive());
            assertThat(reply.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
            assertError(TestPanel.JSON.readTree(reply.body()), "Too many requests");
            assertThat(limited.snapshot()).isEqualTo(before);
        }
    }

    private static java.net.http.HttpResponse<String> post(java.net.http.HttpClient client, TestPanel to, String form) throws Exception {
        return client.send(HttpRequest.newBuilder(to.api).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    // --- add ---

    @Test void unknown_or_disabled_service_is_incorrect_service_id() {
        var alice = panel.customer("10");
        unchanged(() -> addDefault(alice, 987_654_321L, "https://instagram.com/x", "100"), "Incorrect service ID");
        unchanged(() -> addDefault(alice, disabled, "https://instagram.com/x", "100"), "Incorrect service ID");
        unchanged(() -> addDefault(alice, 0, "https://instagram.com/x", "100"), "Incorrect service ID");
    }

    @Test void quantity_outside_the_range_names_the_services_limit() {
        var alice = panel.customer("100");
        unchanged(() -> addDefault(alice, followers, "https://instagram.com/q", "49"), "Quantity less than minimal 50");
        unchanged(() -> addDefault(alice, followers, "https://instagram.com/q", "0"), "Quantity less than minimal 50");
        unchanged(() -> addDefault(alice, followers, "https://instagram.com/q", "10001"), "Quantity more than maximum 10000");
        unchanged(() -> addDefault(alice, followers, "https://instagram.com/q", "99999999999999999999"), "Quantity more than maximum 10000");
        long customComments = byType.get(ServiceType.CUSTOM_COMMENTS);
        var small = panel.service(ServiceType.CUSTOM_COMMENTS, "8", 3, 4);
        unchanged(() -> panel.call(alice.key(), "action", "add", "service", Long.toString(small), "link", "https://instagram.com/c",
                "comments", "a\nb"), "Quantity less than minimal 3");
        unchanged(() -> panel.call(alice.key(), "action", "add", "service", Long.toString(small), "link", "https://instagram.com/c",
                "comments", "a\nb\nc\nd\ne"), "Quantity more than maximum 4");
        assertThat(customComments).isPositive();
        // drip-feed: the quantity is checked per run
        unchanged(() -> panel.call(alice.key(), "action", "add", "service", Long.toString(followers), "link", "https://instagram.com/d",
                "quantity", "20", "runs", "5", "interval", "10"), "Quantity less than minimal 50");
    }

    @Test void a_link_that_is_not_an_http_url_is_bad_link() {
        var alice = panel.customer("10");
        for (String link : List.of("instagram.com/x", "ftp://instagram.com/x", "javascript:alert(1)", "https://", "http:// space.com",
                "https://insta gram.com", "https://a.com/\u0000")) {
            unchanged(() -> addDefault(alice, followers, link, "100"), "Bad link");
        }
        unchanged(() -> panel.call(alice.key(), "action", "add", "service", Long.toString(followers), "quantity", "100"), "Bad link");
    }

    @Test void a_charge_above_the_balance_is_not_enough_funds() {
        var alice = panel.customer("0.89999");
        unchanged(() -> addDefault(alice, followers, "https://instagram.com/funds", "1000"), "Not enough funds on balance");
        var broke = panel.customer("0");
        unchanged(() -> addDefault(broke, followers, "https://instagram.com/funds", "50"), "Not enough funds on balance");
    }

    @Test void a_second_unfinished_order_for_the_same_link_is_refused() {
        var alice = panel.customer("10");
        assertThat(addDefault(alice, followers, "https://instagram.com/active", "100").has("order")).isTrue();
        unchanged(() -> addDefault(alice, followers, "https://instagram.com/active", "200"),
                "You have active order with this link. Please wait until order being completed.");
    }

    @Test void drip_feed_on_a_service_without_it_is_refused() {
        var alice = panel.customer("10");
        unchanged(() -> panel.call(alice.key(), "action", "add", "service", Long.toString(noDrip), "link", "https://instagram.com/drip",
                "quantity", "100", "runs", "3", "interval", "10"), "Drip-feed is disabled for this service");
    }

    // "runs/interval absent, empty or not a number mean no drip-feed; runs = 1 is a plain order too" (PROTOCOL.md)
    @Test void runs_that_are_a_number_but_not_a_whole_1_to_1000_are_incorrect_request() {
        var alice = panel.customer("10");
        for (String runs : List.of("99999999999", "-5", "1e3", "0", "2.5", "+1e1", "1001")) {
            unchanged(() -> dripFeed(alice, followers, runs, "10"), "Incorrect request");
            unchanged(() -> dripFeed(alice, noDrip, runs, "10"), "Incorrect request");
        }
        // drip-feed asked: the interval is required, a whole number of minutes; 0 is accepted (README, API v2)
        for (String interval : List.of("", "undefined", "-1", "1e3", "99999999999")) {
            unchanged(() -> dripFeed(alice, followers, "3", interval), "Incorrect request");
        }
    }

    @Test void runs_absent_empty_not_a_number_or_1_is_a_plain_order_whatever_the_interval() {
        var alice = panel.customer("10");
        String[][] plain = {{"undefined", "undefined"}, {"", ""}, {"null", "0"}, {"NaN", "-1"}, {"1", "1e3"}, {" 1 ", "x"}};
        for (String[] p : plain) {
            long order = id(dripFeed(alice, followers, p[0], p[1]));
            JsonNode status = panel.call(alice.key(), "action", "status", "order", Long.toString(order));
            assertThat(status.get("charge").asText()).as("runs=%s interval=%s", p[0], p[1]).isEqualTo("0.09"); // 100 units once
        }
        assertThat(dripFeed(alice, noDrip, "1", "").has("order")).isTrue(); // a plain order is no drip-feed request
    }

    // --- status, refill, refill_status, cancel ---

    @Test void an_unknown_or_malformed_order_id_is_incorrect_order_id() {
        var alice = panel.customer("10");
        long mine = id(addDefault(alice, followers, "https://instagram.com/zero-padded", "100"));
        for (String id : List.of("987654321", "0", "-1", "abc", "1.5", "99999999999999999999", "0" + mine, "+" + mine)) {
            unchanged(() -> panel.call(alice.key(), "action", "status", "order", id), "Incorrect order ID");
            unchanged(() -> panel.call(alice.key(), "action", "refill", "order", id), "Incorrect order ID");
        }
        String before = panel.snapshot();
        assertWire(panel.call(alice.key(), "action", "cancel", "orders", "987654321"), """
                [{"order": 987654321, "cancel": {"error": "Incorrect order ID"}}]""");
        assertWire(panel.call(alice.key(), "action", "refill", "orders", "987654321"), """
                [{"order": 987654321, "refill": {"error": "Incorrect order ID"}}]""");
        assertWire(panel.call(alice.key(), "action", "status", "orders", "987654321,abc"), """
                {"987654321": {"error": "Incorrect order ID"}, "abc": {"error": "Incorrect order ID"}}""");
        assertThat(panel.snapshot()).isEqualTo(before);
    }

    @Test void an_id_with_a_leading_zero_is_malformed_in_every_action_and_echoed_as_sent() {
        var alice = panel.customer("10");
        long order = finished(alice, followers, "https://instagram.com/padded", Status.COMPLETED);
        long refill = Long.parseLong(panel.call(alice.key(), "action", "refill", "order", Long.toString(order)).get("refill").asText());
        String before = panel.snapshot();

        JsonNode statuses = panel.call(alice.key(), "action", "status", "orders", order + ",0" + order);
        assertThat(statuses.get(Long.toString(order)).get("status").asText()).isEqualTo("Completed");
        assertError(statuses.get("0" + order), "Incorrect order ID");
        assertWire(panel.call(alice.key(), "action", "refill_status", "refills", refill + ",0" + refill), """
                [{"refill": %d, "status": "Pending"}, {"refill": "0%d", "status": {"error": "Refill not found"}}]""".formatted(refill, refill));
        assertWire(panel.call(alice.key(), "action", "refill", "orders", "0" + order), """
                [{"order": "0%d", "refill": {"error": "Incorrect order ID"}}]""".formatted(order));
        assertWire(panel.call(alice.key(), "action", "cancel", "orders", "0" + order), """
                [{"order": "0%d", "cancel": {"error": "Incorrect order ID"}}]""".formatted(order));
        assertError(panel.call(alice.key(), "action", "refill_status", "refill", "0" + refill), "Refill not found");
        assertThat(panel.snapshot()).isEqualTo(before);
    }

    @Test void refill_on_a_service_without_refill_is_refused() {
        var alice = panel.customer("10");
        long order = finished(alice, noRefill, "https://instagram.com/norefill", Status.COMPLETED);
        unchanged(() -> panel.call(alice.key(), "action", "refill", "order", Long.toString(order)), "Refill is disabled for this service");
        perEntryUnchanged(() -> panel.call(alice.key(), "action", "refill", "orders", Long.toString(order)), """
                [{"order": %d, "refill": {"error": "Refill is disabled for this service"}}]""".formatted(order));
    }

    @Test void refill_of_an_unfinished_or_canceled_order_is_not_available() {
        var alice = panel.customer("10");
        long pending = id(addDefault(alice, followers, "https://instagram.com/refill-pending", "100"));
        unchanged(() -> panel.call(alice.key(), "action", "refill", "order", Long.toString(pending)), "Refill is not available for this order");
        long running = id(addDefault(alice, followers, "https://instagram.com/refill-running", "100"));
        panel.panel.orders.applyStatus(running, Status.IN_PROGRESS, 10L, 50L);
        unchanged(() -> panel.call(alice.key(), "action", "refill", "order", Long.toString(running)), "Refill is not available for this order");
        long canceled = finished(alice, followers, "https://instagram.com/refill-canceled", Status.CANCELED);
        unchanged(() -> panel.call(alice.key(), "action", "refill", "order", Long.toString(canceled)), "Refill is not available for this order");
        // outside the service's refill window (0 days: the window closed as it completed)
        long noWindow = panel.panel.catalog.add(new Service(0, "No window", ServiceType.DEFAULT, "Test", Rate.parse("0.90"), 50, 10_000,
                true, true, true, 0, 0, Set.of(), true)).id();
        long old = finished(alice, noWindow, "https://instagram.com/refill-old", Status.COMPLETED);
        sleep(5);
        unchanged(() -> panel.call(alice.key(), "action", "refill", "order", Long.toString(old)), "Refill is not available for this order");
    }

    @Test void a_second_refill_while_one_is_in_flight_is_already_requested() {
        var alice = panel.customer("10");
        long order = finished(alice, followers, "https://instagram.com/refill-twice", Status.COMPLETED);
        assertThat(panel.call(alice.key(), "action", "refill", "order", Long.toString(order)).path("refill").isTextual()).isTrue();
        unchanged(() -> panel.call(alice.key(), "action", "refill", "order", Long.toString(order)), "Refill already requested");
        perEntryUnchanged(() -> panel.call(alice.key(), "action", "refill", "orders", order + "," + order), """
                [{"order": %d, "refill": {"error": "Refill already requested"}}]""".formatted(order));
    }

    @Test void an_unknown_or_malformed_refill_id_is_refill_not_found() {
        var alice = panel.customer("10");
        for (String id : List.of("987654321", "0", "abc", "-3")) {
            unchanged(() -> panel.call(alice.key(), "action", "refill_status", "refill", id), "Refill not found");
        }
        perEntryUnchanged(() -> panel.call(alice.key(), "action", "refill_status", "refills", "987654321, abc"), """
                [{"refill": 987654321, "status": {"error": "Refill not found"}}, {"refill": "abc", "status": {"error": "Refill not found"}}]""");
    }

    @Test void cancel_on_a_service_without_cancel_is_refused() {
        var alice = panel.customer("10");
        long order = id(addDefault(alice, noCancel, "https://instagram.com/nocancel", "100"));
        perEntryUnchanged(() -> panel.call(alice.key(), "action", "cancel", "orders", Long.toString(order)), """
                [{"order": %d, "cancel": {"error": "Cancel is disabled for this service"}}]""".formatted(order));
        perEntryUnchanged(() -> panel.call(alice.key(), "action", "cancel", "order", Long.toString(order)), """
                [{"order": %d, "cancel": {"error": "Cancel is disabled for this service"}}]""".formatted(order));
    }

    @Test void cancel_of_a_finished_or_already_canceling_order_is_not_available() {
        var alice = panel.customer("10");
        long done = finished(alice, followers, "https://instagram.com/cancel-done", Status.COMPLETED);
        long partial = finished(alice, followers, "https://instagram.com/cancel-partial", Status.PARTIAL);
        long canceled = finished(alice, followers, "https://instagram.com/cancel-canceled", Status.CANCELED);
        perEntryUnchanged(() -> panel.call(alice.key(), "action", "cancel", "orders", done + "," + partial + "," + canceled), """
                [{"order": %d, "cancel": {"error": "Cancel is not available for this order"}},
                 {"order": %d, "cancel": {"error": "Cancel is not available for this order"}},
                 {"order": %d, "cancel": {"error": "Cancel is not available for this order"}}]""".formatted(done, partial, canceled));

        long running = id(addDefault(alice, followers, "https://instagram.com/cancel-running", "100"));
        panel.panel.orders.applyStatus(running, Status.IN_PROGRESS, 5L, 100L);
        assertWire(panel.call(alice.key(), "action", "cancel", "orders", Long.toString(running)), """
                [{"order": %d, "cancel": 1}]""".formatted(running));
        perEntryUnchanged(() -> panel.call(alice.key(), "action", "cancel", "orders", Long.toString(running)), """
                [{"order": %d, "cancel": {"error": "Cancel is not available for this order"}}]""".formatted(running));
    }

    @Test void subscription_fields_outside_their_ranges_are_incorrect_request() {
        var alice = panel.customer("100");
        long svc = byType.get(ServiceType.SUBSCRIPTIONS); // 1..1000
        String id = Long.toString(svc);
        String[][] bad = {
                {"min", "300", "max", "200", "delay", "30"},                         // min above max
                {"min", "100", "max", "200", "delay", "7"},                          // not one of PROTOCOL.md's delays
                {"min", "100", "max", "200", "delay", "30", "expiry", "1/1/2000"},  // not in the future
                {"min", "100", "max", "200", "delay", "30", "expiry", "2099-12-31"},// not d/m/Y
                {"min", "100", "max", "200", "delay", "30", "expiry", "31/02/2099"},// no such day
                {"min", "100", "max", "200", "delay", "30", "posts", "-1"},
                {"min", "abc", "max", "200", "delay", "30"},
        };
        for (String[] fields : bad) {
            var args = new ArrayList<>(List.of("action", "add", "service", id, "username", "ann"));
            args.addAll(List.of(fields));
            unchanged(() -> panel.call(alice.key(), args.toArray(String[]::new)), "Incorrect request");
        }
        unchanged(() -> panel.call(alice.key(), "action", "add", "service", id, "username", "ann", "min", "0", "max", "200", "delay", "30"),
                "Quantity less than minimal 1");
        unchanged(() -> panel.call(alice.key(), "action", "add", "service", id, "username", "ann", "min", "100", "max", "1001", "delay", "30"),
                "Quantity more than maximum 1000");
    }

    @Test void a_refill_inside_the_services_cool_down_is_already_requested() {
        long cooling = panel.panel.catalog.add(new Service(0, "Cool-down", ServiceType.DEFAULT, "Test", Rate.parse("0.90"), 50, 10_000,
                true, true, true, 30, 60, Set.of(), true)).id();
        var alice = panel.customer("10");
        long order = finished(alice, cooling, "https://instagram.com/cooling", Status.COMPLETED);
        long refill = Long.parseLong(panel.call(alice.key(), "action", "refill", "order", Long.toString(order)).get("refill").asText());
        panel.panel.refills.resolve(refill, org.opensmm.order.Refills.State.COMPLETED);
        unchanged(() -> panel.call(alice.key(), "action", "refill", "order", Long.toString(order)), "Refill already requested");
    }

    @Test void a_partial_order_can_be_refilled_and_a_finished_refill_allows_the_next() {
        var alice = panel.customer("10");
        long order = finished(alice, followers, "https://instagram.com/partial-refill", Status.PARTIAL);
        JsonNode first = panel.call(alice.key(), "action", "refill", "order", Long.toString(order));
        assertThat(first.path("refill").isTextual()).as(first.toString()).isTrue();
        panel.panel.refills.resolve(Long.parseLong(first.get("refill").asText()), org.opensmm.order.Refills.State.REJECTED);
        JsonNode second = panel.call(alice.key(), "action", "refill", "order", Long.toString(order));
        assertThat(second.path("refill").isTextual()).as(second.toString()).isTrue();
        assertThat(second.get("refill").asText()).isNotEqualTo(first.get("refill").asText());
    }

    // --- helpers ---

    /** The reply is exactly {"error": text} and the database is exactly as before. */
    private static void unchanged(Supplier<JsonNode> request, String text) {
        String before = panel.snapshot();
        assertError(request.get(), text);
        assertThat(panel.snapshot()).isEqualTo(before);
    }

    /** The reply is exactly {@code expected} (a list with error entries) and the database is exactly as before. */
    private static void perEntryUnchanged(Supplier<JsonNode> request, String expected) {
        String before = panel.snapshot();
        assertWire(request.get(), expected);
        assertThat(panel.snapshot()).isEqualTo(before);
    }

    private static final java.util.concurrent.atomic.AtomicInteger DRIPS = new java.util.concurrent.atomic.AtomicInteger();

    /** A Default add of 100 units with these runs and interval, on a link of its own. */
    private static JsonNode dripFeed(TestPanel.Customer who, long service, String runs, String interval) {
        return panel.call(who.key(), "action", "add", "service", Long.toString(service), "link", "https://instagram.com/drip-" + DRIPS.incrementAndGet(),
                "quantity", "100", "runs", runs, "interval", interval);
    }

    private static JsonNode addDefault(TestPanel.Customer who, long service, String link, String quantity) {
        return panel.call(who.key(), "action", "add", "service", Long.toString(service), "link", link, "quantity", quantity);
    }

    private static long finished(TestPanel.Customer who, long service, String link, Status status) {
        long order = id(addDefault(who, service, link, "100"));
        panel.panel.orders.applyStatus(order, status, 1L, status == Status.PARTIAL ? 40L : 0L);
        return order;
    }

    private static long id(JsonNode addReply) {
        assertThat(addReply.has("order")).as(addReply.toString()).isTrue();
        return addReply.get("order").asLong();
    }

    private static JsonNode add(TestPanel.Customer who, ServiceType type, Map<String, String> fields) {
        var args = new ArrayList<String>(List.of("action", "add", "service", Long.toString(byType.get(type))));
        fields.forEach((k, v) -> {
            args.add(k);
            args.add(v);
        });
        return panel.call(who.key(), args.toArray(String[]::new));
    }

    private static boolean isOptional(ServiceType type, String field) {
        return type == ServiceType.MENTIONS_WITH_HASHTAGS && field.equals("quantity");
    }

    private static final java.util.concurrent.atomic.AtomicInteger LINKS = new java.util.concurrent.atomic.AtomicInteger();

    /** A complete, valid add for each type (PROTOCOL.md's add table), with a link of its own. */
    static Map<ServiceType, Map<String, String>> validAdd() {
        String link = "https://instagram.com/p/required-" + LINKS.incrementAndGet();
        var m = new LinkedHashMap<ServiceType, Map<String, String>>();
        m.put(ServiceType.DEFAULT, fields("link", link, "quantity", "100"));
        m.put(ServiceType.PACKAGE, fields("link", link));
        m.put(ServiceType.CUSTOM_COMMENTS, fields("link", link, "comments", "first\nsecond"));
        m.put(ServiceType.CUSTOM_COMMENTS_PACKAGE, fields("link", link, "comments", "first\nsecond"));
        m.put(ServiceType.MENTIONS_CUSTOM_LIST, fields("link", link, "usernames", "ann\nbob"));
        m.put(ServiceType.MENTIONS_WITH_HASHTAGS, fields("link", link, "usernames", "ann\nbob", "hashtags", "#a\n#b", "quantity", "100"));
        m.put(ServiceType.MENTIONS_HASHTAG, fields("link", link, "quantity", "100", "hashtag", "#tag"));
        m.put(ServiceType.MENTIONS_USER_FOLLOWERS, fields("link", link, "quantity", "100", "username", "ann"));
        m.put(ServiceType.MENTIONS_MEDIA_LIKERS, fields("link", link, "quantity", "100", "media", "https://instagram.com/p/media"));
        m.put(ServiceType.COMMENT_LIKES, fields("link", link, "quantity", "100", "username", "ann"));
        m.put(ServiceType.COMMENT_REPLIES, fields("link", link, "username", "ann", "comments", "first\nsecond"));
        m.put(ServiceType.POLL, fields("link", link, "quantity", "100", "answer_number", "2"));
        m.put(ServiceType.INVITES_FROM_GROUPS, fields("link", link, "quantity", "100", "groups", "https://t.me/a\nhttps://t.me/b"));
        m.put(ServiceType.SEO, fields("link", link, "quantity", "100", "keywords", "smm panel"));
        m.put(ServiceType.SUBSCRIPTIONS, fields("username", "ann" + LINKS.get(), "min", "100", "max", "200", "delay", "30"));
        return m;
    }

    private static Map<String, String> fields(String... nameValues) {
        var out = new LinkedHashMap<String, String>();
        for (int i = 0; i < nameValues.length; i += 2) out.put(nameValues[i], nameValues[i + 1]);
        return out;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
