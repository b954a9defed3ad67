package org.opensmm.ops;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opensmm.testing.ServedPanel;
import org.opensmm.testing.TestDb;
import org.opensmm.testing.TestPanel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** What `opensmm serve` writes, run as an operator runs it: the real Main in a process of its own. */
class ServeLoggingTest {
    @Test @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void serve_demo_prints_the_urls_and_logins_and_no_library_chatter() throws Exception {
        Path dir = Files.createTempDirectory("opensmm-demo-");
        Path data = dir.resolve("data");
        try {
            String out;
            try (var served = ServedPanel.start(data, Map.of(), "--demo").awaitUp()) {
                // the demo prints its logins after the panel is up: wait for its last block
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (!ServedPanel.read(served.stdout).contains("Simulated Cryptomus") && System.nanoTime() < deadline) Thread.sleep(100);
                out = ServedPanel.read(served.stdout);
                assertThat(out).contains("OpenSMM demo panel: API v2 at http://127.0.0.1:" + served.port + "/api/v2",
                        "OpenSMM demo website: http://127.0.0.1:" + served.port + "/", "Demo customer ", "API key: ",
                        "Demo staff owner ", "Demo Admin API key: ", "Simulated Cryptomus");
                assertThat(served.get("/health/ready").statusCode()).isEqualTo(200);
                String err = ServedPanel.read(served.stderr);
                assertThat(err.lines().filter(l -> !l.isBlank()).toList()).as("stderr of a demo start")
                        .noneMatch(l -> l.matches(".*\\b(INFO|DEBUG|TRACE)\\b.*"))
                        .noneMatch(l -> l.contains("flywaydb") || l.contains("Flyway") || l.contains("Hikari") || l.contains("zonky"))
                        .noneMatch(l -> l.contains("access"));
            }
            assertThat(out.lines().filter(l -> !l.isBlank()).toList()).as("stdout: only what a newcomer needs")
                    .allMatch(l -> l.startsWith("OpenSMM ") || l.startsWith("Demo ") || l.startsWith("Simulated ") || l.startsWith("  "));
        } finally {
            ServedPanel.stopLeftovers(data);
            TestDb.deleteTree(dir);
        }
    }

    @Test @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void the_json_format_writes_one_object_a_line_with_the_fields_readme_names() throws Exception {
        Path dir = Files.createTempDirectory("opensmm-json-log-");
        Path data = dir.resolve("data");
        try {
            Path stderr;
            try (var served = ServedPanel.start(data, Map.of("OPENSMM_LOG_FORMAT", "json", "OPENSMM_WORKERS", "false")).awaitUp()) {
                assertThat(served.call("no-such-key", "action", "balance").get("error").asText()).isEqualTo("Invalid API key");
                assertThat(served.get("/health/ready").statusCode()).isEqualTo(200);
                stderr = served.stderr;
            }
            List<JsonNode> objects = new ArrayList<>();
            for (String line : Files.readAllLines(stderr)) {
                if (line.isBlank() || line.startsWith("WARNING: ")) continue; // the JVM's own warnings, before logging starts
                objects.add(TestPanel.JSON.readTree(line)); // throws on a line that is not one JSON object
            }
            assertThat(objects).allSatisfy(o -> assertThat(o.isObject()).isTrue())
                    .allSatisfy(o -> assertThat(o.has("timestamp") && o.has("level") && o.has("loggerName") && o.has("threadName")
                            && o.has("formattedMessage") && o.has("mdc") && o.has("kvpList")).as(o.toString()).isTrue());
            var access = objects.stream().filter(o -> o.get("loggerName").asText().equals("access")
                    && !o.get("formattedMessage").asText().startsWith("GET /health ")).toList(); // but the waits for the start
            assertThat(access).hasSize(2);
            assertThat(access.getFirst().get("level").asText()).isEqualTo("INFO");
            assertThat(access.getFirst().get("formattedMessage").asText()).startsWith("POST /api/v2 action=balance 200 ");
            assertThat(access.getFirst().get("kvpList").toString()).contains("\"status\"", "\"request\"", "\"client\"");
            assertThat(access.get(1).get("formattedMessage").asText()).startsWith("GET /health/ready 200 ");
        } finally {
            ServedPanel.stopLeftovers(data);
            TestDb.deleteTree(dir);
        }
    }
}
