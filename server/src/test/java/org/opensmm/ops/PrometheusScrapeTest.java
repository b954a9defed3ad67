package org.opensmm.ops;

import org.junit.jupiter.api.Test;
import org.opensmm.catalog.ServiceType;
import org.opensmm.testing.TestDb;
import org.opensmm.testing.TestPanel;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Debian's real Prometheus, on loopback with its own config and data folder, scrapes the panel; the figure read back
 * over Prometheus' HTTP API is the panel's. CI installs the package (.ci/run); elsewhere the test is skipped without it.
 */
class PrometheusScrapeTest {
    @Test void prometheus_scrapes_the_panel_and_answers_with_its_order_count() throws Exception {
        Path binary = Path.of("/usr/bin/prometheus");
        if (System.getenv("CI") == null) assumeThat(Files.isExecutable(binary)).as("Debian's prometheus package").isTrue();
        Path dir = Files.createTempDirectory("opensmm-prometheus-");
        Process prometheus = null;
        try (var panel = TestPanel.start(c -> c.withOps(c.ops().withRefreshMillis(0)))) {
            var alice = panel.customer("100");
            long service = panel.service(ServiceType.DEFAULT, "1.00", 10, 10_000);
            for (int i = 0; i < 3; i++) {
                assertThat(panel.call(alice.key(), "action", "add", "service", "" + service, "link", "https://x.example/" + i,
                        "quantity", "100").has("order")).isTrue();
            }
            int port = freePort();
            Files.writeString(dir.resolve("prometheus.yml"), """
                    global:
                      scrape_interval: 1s
                    scrape_configs:
                      - job_name: opensmm
                        scrape_interval: 1s
                        scrape_timeout: 1s
                        static_configs:
                          - targets: ['127.0.0.1:%d']
                    """.formatted(panel.panel.port()));
            prometheus = new ProcessBuilder(binary.toString(), "--config.file=" + dir.resolve("prometheus.yml"),
                    "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();

            String query = URLEncoder.encode("sum(opensmm_orders{job=\"opensmm\"})", StandardCharsets.UTF_8);
            var ask = URI.create("http://127.0.0.1:" + port + "/api/v1/query?query=" + query);
            String last = "";
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (System.nanoTime() < deadline) {
                assertThat(prometheus.isAlive()).as("prometheus runs; its log: %s", log(dir)).isTrue();
                try {
                    var reply = panel.send(HttpRequest.newBuilder(ask).GET(), null);
                    last = reply.body();
                    if (reply.status() == 200 && !reply.json().at("/data/result").isEmpty()) {
                        assertThat(reply.json().at("/data/result/0/value/1").asText()).isEqualTo("3");
                        return;
                    }
                } catch (IllegalStateException | AssertionError notYet) {
                    last = String.valueOf(notYet.getMessage());
                }
                Thread.sleep(500);
            }
            throw new AssertionError("Prometheus never had the figure; last answer: " + last + "; its log: " + log(dir));
        } finally {
            if (prometheus != null) {
                prometheus.destroy();
                if (!prometheus.waitFor(10, TimeUnit.SECONDS)) prometheus.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            TestDb.deleteTree(dir);
        }
    }

    private static int freePort() throws IOException {
        try (var s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) { return s.getLocalPort(); }
    }

    private static String log(Path dir) {
        try {
            String text = Files.readString(dir.resolve("prometheus.log"));
            return text.length() > 3000 ? text.substring(text.length() - 3000) : text;
        } catch (IOException e) {
            return "(none)";
        }
    }
}
