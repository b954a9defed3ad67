package org.opensmm.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.OutputStreamAppender;
import org.junit.jupiter.api.Test;
import org.opensmm.account.Actor;
import org.opensmm.account.Role;
import org.opensmm.catalog.ServiceType;
import org.opensmm.testing.TestPanel;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** One line per request with what an operator needs, and never a key, a password or an Authorization header. */
class AccessLogTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Runs {@code requests} with every log line captured (the panel's own at DEBUG): the text they logged. */
    static String logged(Runnable requests) {
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
        try {
            requests.run();
        } finally {
            root.detachAppender(appender);
            access.setLevel(accessWas);
            ours.setLevel(oursWas);
            root.setLevel(rootWas);
            appender.stop();
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    static List<String> accessLines(String log) {
        return log.lines().filter(l -> l.startsWith("access INFO ")).toList();
    }

    @Test void every_request_is_logged_without_keys_or_credentials() {
        var key = new String[1];
        String log = logged(() -> {
            try (var panel = TestPanel.start(c -> c)) {
                var alice = panel.customer("10");
                key[0] = alice.key();
                long service = panel.service(ServiceType.DEFAULT, "1.00", 10, 10_000);
                panel.call(alice.key(), "action", "add", "service", "" + service, "link", "https://x.example/p", "quantity", "100");
                panel.call("wrong-key-" + alice.key().substring(0, 8) + "-password-hunter2", "action", "balance");
                var query = URI.create(panel.api + "?key=" + alice.key() + "&action=balance&apikey=" + alice.key() + "&password=hunter2");
                panel.send(HttpRequest.newBuilder(query).GET(), null);
                panel.send(HttpRequest.newBuilder(panel.api).header("X-Api-Key", alice.key()).header("Authorization", "Bearer sesame-open-1234")
                        .POST(HttpRequest.BodyPublishers.ofString("action=services")), "application/x-www-form-urlencoded");
                MetricsTest.get(panel, "/health/ready", "Authorization", "Basic c3RhZmY6aHVudGVyMg==");
            }
        });
        var lines = accessLines(log);
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).containsPattern("^access INFO POST /api/v2 action=add 200 [0-9.]+ms request=\\d+ client=127\\.0\\.0\\.1");
        assertThat(lines.get(1)).contains("POST /api/v2 action=balance 200"); // an unknown key: still the action, never the key
        assertThat(lines.get(2)).contains("GET /api/v2 action=balance 200");
        assertThat(lines.get(3)).contains("action=services 200");
        assertThat(lines.get(4)).contains("GET /health/ready 200");
        assertThat(log).doesNotContain(key[0], key[0].substring(0, 8), "hunter2", "sesame", "c3RhZmY6aHVudGVyMg", "apikey", "password");
    }

    @Test void a_website_sign_in_and_admin_api_keys_never_show_in_the_log() {
        String password = "Correct-Horse-77-battery";
        var staffKey = new String[1];
        String log = logged(() -> {
            try (var panel = TestPanel.start(c -> c)) {
                assertThat(panel.panel.passwords.signUp("logtester", "logtester@example.com", password))
                        .isInstanceOf(org.opensmm.account.Passwords.SignUp.Created.class);
                var cli = new Actor.Cli("test");
                panel.panel.staff.add(cli, "log-owner", Role.OWNER, null);
                staffKey[0] = panel.panel.staff.newKey(cli, "log-owner").key().value();
                String base = "http://127.0.0.1:" + panel.panel.port();

                HttpResponse<String> form = send(HttpRequest.newBuilder(URI.create(base + "/login")).GET());
                var csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(form.body());
                assertThat(csrf.find()).isTrue();
                String cookie = form.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
                HttpResponse<String> signedIn = send(HttpRequest.newBuilder(URI.create(base + "/login")).header("Cookie", cookie)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(TestPanel.form(Map.of("csrf", csrf.group(1), "username", "logtester",
                                "password", password, "next", "/orders")))));
                assertThat(signedIn.statusCode()).as("signed in and sent on").isEqualTo(303);

                var byHeader = send(HttpRequest.newBuilder(URI.create(base + "/adminapi/v2/orders")).header("X-Api-Key", staffKey[0]).GET());
                assertThat(byHeader.statusCode()).isEqualTo(200);
                var byField = send(HttpRequest.newBuilder(URI.create(base + "/adminapi/v2/orders?apikey=" + staffKey[0] + "&limit=5")).GET());
                assertThat(byField.statusCode()).isEqualTo(200);
            }
        });
        var lines = accessLines(log);
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("POST /login 303"))
                .anySatisfy(l -> assertThat(l).contains("GET /adminapi/v2/orders 200"));
        assertThat(lines.stream().filter(l -> l.contains("GET /adminapi/v2/orders 200"))).hasSize(2);
        assertThat(log).doesNotContain(password, staffKey[0], staffKey[0].substring(0, 8), "apikey", "limit=5");
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
