package org.opensmm.ops;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensmm.catalog.ServiceType;
import org.opensmm.testing.TestPanel;

import java.net.URI;
import java.net.http.HttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** /metrics on a real panel: the figures an operator graphs, and who may read them. */
class MetricsTest {
    static final String TOKEN = "metrics-token-for-tests";
    static TestPanel panel;

    @BeforeAll static void start() {
        panel = TestPanel.start(c -> c.withOps(c.ops().withMetricsToken(TOKEN).withRefreshMillis(0)));
    }

    @AfterAll static void stop() { panel.close(); }

    static TestPanel.Reply get(TestPanel panel, String path, String... headers) {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + panel.panel.port() + path)).GET();
        for (int i = 0; i < headers.length; i += 2) request.header(headers[i], headers[i + 1]);
        return panel.send(request, null);
    }

    @Test void orders_money_requests_and_errors_are_counted() {
        var alice = panel.customer("1.00");
        long service = panel.service(ServiceType.DEFAULT, "2.00", 10, 10_000);
        assertThat(panel.call(alice.key(), "action", "add", "service", "" + service, "link", "https://x.example/1", "quantity", "100")
                .has("order")).isTrue();
        assertThat(panel.call(alice.key(), "action", "add", "service", "" + service, "link", "https://x.example/2", "quantity", "1000")
                .get("error").asText()).isEqualTo("Not enough funds on balance");
        panel.call(alice.key(), "action", "balance");

        String text = get(panel, "/metrics").body();

        assertThat(text).contains("# TYPE opensmm_orders gauge")
                .containsPattern("opensmm_money_moved_total\\{currency=\"USD\",kind=\"charged\"\\} 0\\.2")
                .containsPattern("opensmm_money_moved_total\\{currency=\"USD\",kind=\"deposited\"\\} 1\\.0")
                .containsPattern("(?m)^opensmm_api_requests_seconds_count\\{action=\"add\",outcome=\"ok\"\\} 1$")
                .containsPattern("(?m)^opensmm_api_requests_seconds_count\\{action=\"balance\",outcome=\"ok\"\\} 1$")
                .containsPattern("(?m)^opensmm_api_errors_total\\{action=\"add\",error=\"Not enough funds on balance\"\\} 1\\.0$")
                .containsPattern("opensmm_http_requests_seconds_bucket\\{front=\"api\",route=\"/api/v2\",status=\"200\",le=\"0\\.1\"\\}")
                .contains("opensmm_fulfil_sync_lag_seconds 0.0", "hikaricp_connections_max", "jvm_memory_used_bytes", "process_uptime_seconds");
        double orders = text.lines().filter(l -> l.startsWith("opensmm_orders{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        assertThat(orders).isGreaterThanOrEqualTo(1);
    }

    @Test void loopback_reads_metrics_others_need_the_token() {
        assertThat(get(panel, "/metrics").status()).isEqualTo(200);
        // a request a proxy forwarded is not loopback's, even from 127.0.0.1
        assertThat(get(panel, "/metrics", "X-Forwarded-For", "203.0.113.7").status()).isEqualTo(401);
        assertThat(get(panel, "/metrics", "X-Forwarded-For", "203.0.113.7", "Authorization", "Bearer wrong").status()).isEqualTo(401);
        var ok = get(panel, "/metrics", "X-Forwarded-For", "203.0.113.7", "Authorization", "Bearer " + TOKEN);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.contentType()).startsWith("text/plain");
    }

    @Test void without_a_token_only_loopback_reads_metrics() {
        try (var open = TestPanel.start(c -> c)) {
            assertThat(get(open, "/metrics").status()).isEqualTo(200);
            var refused = get(open, "/metrics", "Forwarded", "for=203.0.113.7", "Authorization", "Bearer anything");
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.body()).contains("OPENSMM_METRICS_TOKEN");
        }
    }
}
