package org.opensmm.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Replies we cannot understand are NoReply (the add may have happened); only a readable error is Rejected. */
class NoReplyTest {

    private final FakePanel panel = FakePanel.start();
    private final PanelClient client = panel.client();
    private final AddOrder order = AddOrder.defaults(1, "https://instagram.com/x", 100);

    @AfterEach
    void stop() {
        client.close();
        panel.close();
    }

    @Test
    void html_page_is_no_reply_with_the_page_kept() {
        panel.reply("add", 200, "text/html", "<html><body>Cloudflare: checking your browser</body></html>");

        assertThat(client.add(order)).isEqualTo(Outcome.noReply("HTML page (HTTP 200)",
                "<html><body>Cloudflare: checking your browser</body></html>"));
    }

    @Test
    void empty_body_is_no_reply() {
        panel.reply("add", 200, "application/json", "");

        assertThat(client.add(order)).isEqualTo(Outcome.noReply("empty body (HTTP 200)", ""));
    }

    @Test
    void http_500_is_no_reply_even_with_a_json_error() {
        panel.reply("add", 500, "application/json", "{\"error\": \"Internal error\"}");

        assertThat(client.add(order)).isEqualTo(Outcome.noReply("HTTP 500", "{\"error\": \"Internal error\"}"));
    }

    @Test
    void http_429_with_a_json_error_is_rejected() {
        panel.reply("add", 429, "application/json", "{\"error\": \"Too many requests\"}");

        assertThat(client.add(order)).isEqualTo(Outcome.rejected("Too many requests"));
    }

    @Test
    void http_404_without_an_error_field_is_no_reply() {
        panel.reply("balance", 404, "application/json", "{\"message\": \"Not found\"}");

        assertThat(client.balance()).isEqualTo(Outcome.noReply("HTTP 404", "{\"message\": \"Not found\"}"));
    }

    @Test
    void invalid_json_is_no_reply() {
        panel.reply("add", "{\"order\": 23501");

        assertThat(client.add(order)).isInstanceOfSatisfying(Outcome.NoReply.class, n -> {
            assertThat(n.reason()).isEqualTo("not JSON (HTTP 200)");
            assertThat(n.raw()).isEqualTo("{\"order\": 23501");
        });
    }

    @Test
    void php_warning_before_the_json_is_no_reply() {
        panel.reply("add", "Warning: mysql_connect() failed\n{\"order\": 23501}");

        assertThat(client.add(order)).isInstanceOf(Outcome.NoReply.class);
    }

    @Test
    void add_reply_without_an_order_id_is_an_unexpected_reply() {
        panel.reply("add", "{\"status\": \"success\"}");

        assertThat(client.add(order)).isEqualTo(Outcome.noReply("unexpected reply", "{\"status\": \"success\"}"));
    }

    @Test
    void raw_text_is_cut_at_2000_characters() {
        String page = "<html>" + "x".repeat(5000) + "</html>";
        panel.reply("balance", 502, "text/html", page);

        assertThat(client.balance()).isInstanceOfSatisfying(Outcome.NoReply.class, n -> {
            assertThat(n.reason()).isEqualTo("HTTP 502");
            assertThat(n.raw()).hasSize(2000).isEqualTo(page.substring(0, 2000));
        });
    }

    @Test
    void no_reply_on_a_multi_call_is_no_reply_for_every_id() {
        panel.reply("status", 503, "application/json", "{\"error\": \"Overloaded\"}");

        assertThat(client.statuses(List.of(1L, 2L)).values())
                .containsOnly(Outcome.noReply("HTTP 503", "{\"error\": \"Overloaded\"}"));
    }

    @Test
    void server_that_never_answers_times_out() throws IOException {
        // The kernel completes the handshake from the backlog; nobody ever reads the request or answers.
        try (var silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             var slow = PanelClient.of(url(silent.getLocalPort()), "k", Duration.ofSeconds(1))) {
            long started = System.nanoTime();

            assertThat(slow.add(order)).isEqualTo(Outcome.noReply("timeout after 1s", ""));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void closed_port_is_connection_refused() throws IOException {
        int port;
        try (var probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        try (var nobody = PanelClient.of(url(port), "k", Duration.ofSeconds(2))) {
            assertThat(nobody.balance()).isInstanceOfSatisfying(Outcome.NoReply.class,
                    n -> assertThat(n.reason()).startsWith("connection refused"));
        }
    }

    @Test
    void interrupted_caller_gets_no_reply_and_keeps_its_interrupt() {
        Thread.currentThread().interrupt();
        try {
            var outcome = client.balance();

            assertThat(outcome).isInstanceOf(Outcome.NoReply.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    private static URI url(int port) {
        return URI.create("http://127.0.0.1:" + port + "/api/v2");
    }
}
