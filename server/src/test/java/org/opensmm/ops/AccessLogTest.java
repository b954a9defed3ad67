package org.opensmm.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.OutputStreamAppender;
import org.junit.jupiter.api.Test;
import org.opensmm.catalog.ServiceType;
import org.opensmm.testing.TestPanel;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** One line per request with what an operator needs, and never a key, a password or an Authorization header. */
class AccessLogTest {
    @Test void every_request_is_logged_without_keys_or_credentials() {
        var captured = new ByteArrayOutputStream();
        var context = (LoggerContext) LoggerFactory.getILoggerFactory();
        var encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%logger %level %msg %kvp%n");
        encoder.start();
        var appender = new OutputStreamAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(captured);
        appender.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        Logger access = context.getLogger("access");
        Logger ours = context.getLogger("org.opensmm");
        Level accessWas = access.getLevel(), oursWas = ours.getLevel(), rootWas = root.getLevel();
        root.addAppender(appender);
        access.setLevel(Level.INFO);
        ours.setLevel(Level.DEBUG); // whatever the panel logs, at any level, must not hold a secret
        root.setLevel(Level.INFO);
        String key;
        try (var panel = TestPanel.start(c -> c)) {
            var alice = panel.customer("10");
            key = alice.key();
            long service = panel.service(ServiceType.DEFAULT, "1.00", 10, 10_000);
            panel.call(alice.key(), "action", "add", "service", "" + service, "link", "https://x.example/p", "quantity", "100");
            panel.call("wrong-key-" + alice.key().substring(0, 8) + "-password-hunter2", "action", "balance");
            var query = URI.create(panel.api + "?key=" + alice.key() + "&action=balance&apikey=" + alice.key() + "&password=hunter2");
            panel.send(HttpRequest.newBuilder(query).GET(), null);
            panel.send(HttpRequest.newBuilder(panel.api).header("X-Api-Key", alice.key()).header("Authorization", "Bearer sesame-open-1234")
                    .POST(HttpRequest.BodyPublishers.ofString("action=services")), "application/x-www-form-urlencoded");
            MetricsTest.get(panel, "/health/ready", "Authorization", "Basic c3RhZmY6aHVudGVyMg==");
        } finally {
            root.detachAppender(appender);
            access.setLevel(accessWas);
            ours.setLevel(oursWas);
            root.setLevel(rootWas);
            appender.stop();
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        var lines = log.lines().filter(l -> l.startsWith("access INFO ")).toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).containsPattern("^access INFO POST /api/v2 action=add 200 [0-9.]+ms request=\\d+ client=127\\.0\\.0\\.1");
        assertThat(lines.get(1)).contains("POST /api/v2 action=balance 200"); // an unknown key: still the action, never the key
        assertThat(lines.get(2)).contains("GET /api/v2 action=balance 200");
        assertThat(lines.get(3)).contains("action=services 200");
        assertThat(lines.get(4)).contains("GET /health/ready 200");
        assertThat(log).doesNotContain(key, key.substring(0, 8), "hunter2", "sesame", "c3RhZmY6aHVudGVyMg", "apikey", "password");
    }
}
