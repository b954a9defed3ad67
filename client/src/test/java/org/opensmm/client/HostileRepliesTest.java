package org.opensmm.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Replies no honest panel sends: the client reads them within bounds and never mistakes them for a clean answer. */
class HostileRepliesTest {

    private final FakePanel panel = FakePanel.start();
    private final PanelClient client = panel.client();

    @AfterEach
    void stop() {
        client.close();
        panel.close();
    }

    @Test
    void an_add_reply_with_an_order_id_is_an_order_even_beside_an_error() {
        panel.reply("add", """
                {"order": 23501, "error": "Service temporarily slow"}""");

        assertThat(client.add(AddOrder.defaults(1, "https://x", 100))).isEqualTo(Outcome.ok(23501L));
    }

    @Test
    void an_add_reply_with_an_unusable_id_is_no_reply_not_a_refusal() {
        for (String body : List.of("{\"order\": -5}", "{\"order\": 0}", "{\"order\": \"abc\"}", "{\"order\": 1.5}",
                "{\"order\": \"x\", \"error\": \"Not enough funds on balance\"}", "{\"order\": 99999999999999999999999}")) {
            panel.reply("add", body);
            assertThat(client.add(AddOrder.defaults(1, "https://x", 100))).as(body)
                    .isInstanceOfSatisfying(Outcome.NoReply.class, n -> assertThat(n.reason()).startsWith("unusable order id"));
        }
    }

    @Test
    void an_add_error_without_an_order_is_still_a_refusal() {
        panel.reply("add", """
                {"error": "Not enough funds on balance"}""");

        assertThat(client.add(AddOrder.defaults(1, "https://x", 100))).isEqualTo(Outcome.rejected("Not enough funds on balance"));
    }

    @Test
    void numbers_out_of_bounds_are_no_reply_for_that_order_only() {
        panel.reply("status", """
                {"1": {"charge": 1e7000000, "status": "Completed", "remains": 0},
                 "2": {"charge": "1e7000000", "status": "Completed", "remains": 0},
                 "3": {"charge": "0.5", "status": "Partial", "remains": "123456789012345678901234567890123"},
                 "4": {"charge": "0.27819", "status": "In progress", "remains": "Unknown"}}""");

        var replies = client.statuses(List.of(1L, 2L, 3L, 4L));

        for (long id : List.of(1L, 2L, 3L)) {
            assertThat(replies.get(id)).as("order %d", id)
                    .isInstanceOfSatisfying(Outcome.NoReply.class, n -> assertThat(n.reason()).startsWith("unreadable "));
        }
        assertThat(replies.get(4L)).isEqualTo(Outcome.ok(
                new OrderStatus(new BigDecimal("0.27819"), null, Status.IN_PROGRESS, null, null, "In progress")));
    }

    @Test
    void a_reply_past_the_cap_is_no_reply_and_is_not_read_to_its_end() throws Exception {
        var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // 20 MiB streamed in 64 KiB chunks, never held whole by the test either
        server.createContext("/api/v2", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                exchange.sendResponseHeaders(200, 0);
                byte[] chunk = new byte[64 << 10];
                Arrays.fill(chunk, (byte) ' ');
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write('{');
                    for (int i = 0; i < 320; i++) out.write(chunk);
                    out.write('}');
                } catch (java.io.IOException dropped) {
                    // the client hung up at its cap
                }
            }
        });
        server.start();
        try (var capped = PanelClient.of(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v2"), "k",
                Duration.ofSeconds(10), 4 << 20)) {
            assertThat(capped.status(1)).isEqualTo(Outcome.noReply("reply too large (over 4194304 bytes)", ""));
            assertThat(capped.statuses(List.of(1L, 2L)).values()).allMatch(o -> o instanceof Outcome.NoReply<OrderStatus> n
                    && n.reason().startsWith("reply too large"));
        } finally {
            server.stop(0);
        }
    }
}
